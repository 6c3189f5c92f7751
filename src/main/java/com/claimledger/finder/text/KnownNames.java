package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import opennlp.tools.util.Span;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's names and aliases as the finder reads them in a text: which entity a phrase names, where known names
 * occur (token n-grams looked up by their first word, so a scan is linear in the text), and which entities a role
 * word ("expert", "security service") fits. Short all-capital names (acronyms such as "IS" or "GKNB") match only in
 * capitals, so that the verb "is" never names Islamic State.
 */
public final class KnownNames {

    /** A known entity: canonical id, canonical name, kind, and every name it goes by. */
    public record Known(String id, String name, EntityKind kind, List<String> names) {
    }

    /** A known name found in the text at {@code [start, end)}. */
    public record Mention(int start, int end, Known known) {
    }

    private record Name(String text, boolean exactCase, Known known) {
    }

    private static final Pattern FIRST_RUN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern ACRONYM = Pattern.compile("[\\p{Lu}\\p{N}]{2,6}");
    private static final Pattern ARTICLE = Pattern.compile("^(the|a|an)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s?$");
    private static final int MAX_EXTRA_TOKENS = 4;
    private static final Pattern TOKEN_TAIL = Pattern.compile("(?:['’]s?)?[.,;:!?)\\]]*$");

    private final Map<String, List<Name>> byKey = new HashMap<>();
    private final Map<String, Integer> longestByFirstRun = new HashMap<>();
    private final Map<String, List<Known>> byWord = new HashMap<>();

    public KnownNames(List<Known> entities) {
        for (Known known : entities) {
            for (String text : known.names()) {
                String key = key(text);
                if (key.isEmpty()) {
                    continue;
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Name(text.strip(), ACRONYM.matcher(text.strip()).matches(), known));
                Matcher first = FIRST_RUN.matcher(key);
                if (first.find()) {
                    longestByFirstRun.merge(first.group(), key.split(" ").length, Math::max);
                }
                for (String word : key.split("[^\\p{L}\\p{N}]+")) {
                    if (!word.isEmpty()) {
                        // An entity's names are added one after another, so it can only be the list's last: a
                        // search of the whole list made this quadratic in the entities that share a word (a first
                        // name, "of"): 13-27 s a proposal at 10^6 entries (twenty-sixth round).
                        List<Known> list = byWord.computeIfAbsent(word, w -> new ArrayList<>());
                        if (list.isEmpty() || list.get(list.size() - 1) != known) {
                            list.add(known);
                        }
                    }
                }
            }
        }
    }

    /** How names are compared here: NFKC, case folded, typographic apostrophes and dashes plain, spaces folded. */
    public static String key(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('’', '\'').replace('‘', '\'').replace('–', '-').replace('—', '-');
        return normalized.replaceAll("\\s+", " ").strip();
    }

    /** The entity that the phrase names (with or without a leading article or a possessive ending). */
    public Optional<Known> resolve(String phrase) {
        if (phrase == null) {
            return Optional.empty();
        }
        String stripped = phrase.strip();
        for (String candidate : List.of(stripped, ARTICLE.matcher(stripped).replaceFirst(""),
                POSSESSIVE.matcher(ARTICLE.matcher(stripped).replaceFirst("")).replaceFirst(""))) {
            Optional<Known> found = exact(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Known> exact(String text) {
        List<Name> names = byKey.get(key(text));
        if (names == null) {
            return Optional.empty();
        }
        String plain = text.strip();
        return names.stream().filter(name -> !name.exactCase() || name.text().equals(plain)).map(Name::known).findFirst();
    }

    /**
     * Known names among the given tokens of {@code text}, longest first at each position, not overlapping. Only
     * n-grams starting with the first word of some name are looked up.
     */
    public List<Mention> mentions(String text, Span[] tokens) {
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.length) {
            String first = tokens[i].getCoveredText(text).toString();
            Matcher run = FIRST_RUN.matcher(key(first));
            Integer longest = run.find() ? longestByFirstRun.get(run.group()) : null;
            int matchedTo = -1;
            int matchedEnd = -1;
            Known known = null;
            if (longest != null) {
                int last = Math.min(tokens.length - 1, i + longest + MAX_EXTRA_TOKENS);
                for (int j = last; j >= i && known == null; j--) {
                    String candidate = text.substring(tokens[i].getStart(), tokens[j].getEnd());
                    Optional<Known> hit = exact(candidate);
                    // The tokenizer may keep a stop or a possessive on a word ("IS.", "Kyrgyzstan's").
                    String bare = TOKEN_TAIL.matcher(candidate).replaceFirst("");
                    if (hit.isEmpty() && !bare.isEmpty() && bare.length() < candidate.length()) {
                        hit = exact(bare);
                        candidate = bare;
                    }
                    if (hit.isPresent()) {
                        known = hit.get();
                        matchedTo = j;
                        matchedEnd = tokens[i].getStart() + candidate.length();
                    }
                }
            }
            if (known != null) {
                found.add(new Mention(tokens[i].getStart(), matchedEnd, known));
                i = matchedTo + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Entities that have a name containing every word of {@code role} as whole words, in the ledger's order. */
    public List<Known> fitting(String role) {
        String[] words = key(role).split("[^\\p{L}\\p{N}]+");
        if (words.length == 0 || words[words.length - 1].isEmpty()) {
            return List.of();
        }
        List<Known> candidates = byWord.getOrDefault(words[words.length - 1], List.of());
        Map<String, Known> fitting = new LinkedHashMap<>();
        for (Known known : candidates) {
            if (known.names().stream().anyMatch(name -> containsWords(name, words))) {
                fitting.put(known.id(), known);
            }
        }
        return List.copyOf(fitting.values());
    }

    /** Whether one of the entity's names contains every word of {@code role} as whole words. */
    public static boolean fits(Known known, String role) {
        String[] words = key(role).split("[^\\p{L}\\p{N}]+");
        return known.names().stream().anyMatch(name -> containsWords(name, words));
    }

    private static boolean containsWords(String name, String[] words) {
        List<String> nameWords = List.of(key(name).split("[^\\p{L}\\p{N}]+"));
        for (String word : words) {
            if (!word.isEmpty() && !nameWords.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
