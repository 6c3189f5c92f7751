package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.ibm.icu.text.Transliterator;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How likely two entities are one, from their names alone, with the evidence in words. Names are compared after
 * ICU's {@code Any-Latin; Latin-ASCII} transliteration (so "Жанболат Амиров" reads "Zanbolat Amirov") and a folding of
 * the spellings that transliterations of Russian and Central Asian names disagree on (zh, dzh, j and z; kh and h;
 * y and i), word by word with Commons Text's Jaro-Winkler similarity; a name that is the acronym of another
 * ("SCNS", "State Committee for National Security") and the same consonants in the same order ("Zhanbolot",
 * "Janbolat") count too. One instance per request: ICU transliterators are not shared between threads here.
 */
public final class NameLikeness {

    /** Below this a pair is not suggested. */
    public static final double THRESHOLD = 0.8;
    static final double SAME_AFTER_TRANSLITERATION = 0.99;
    static final double SAME_CONSONANTS = 0.95;
    static final double ACRONYM = 0.93;
    private static final double WORD_MATCH = 0.85;
    private static final Set<String> SMALL_WORDS = Set.of("of", "for", "the", "and", "in", "on", "at", "de", "al");

    private final Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    private final JaroWinklerSimilarity jaroWinkler = new JaroWinklerSimilarity();
    private final LevenshteinDistance levenshtein = LevenshteinDistance.getDefaultInstance();

    /** An entity as compared: id, canonical name, kind, every name. */
    public record Candidate(String id, String name, EntityKind kind, List<String> names) {
    }

    public record Likeness(double score, List<String> evidence) {
    }

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LEADING_Z = Pattern.compile("(?<![a-z])z");
    private static final Pattern ACRONYM_LETTERS = Pattern.compile("[\\p{Lu}\\p{N}.]{2,8}");

    /*
     * Each name's forms, made once per instance: a ledger-wide comparison meets each name in many pairs, and ICU's
     * transliteration was about half of an entity's alias suggestions at 10^6 entries (stack samples,
     * docs/benchmarks.md, twenty-fourth round).
     */
    private final Map<String, String> latins = new HashMap<>();
    private final Map<String, String> foldings = new HashMap<>();
    private final Map<String, String> consonantForms = new HashMap<>();
    private final Map<String, String> lowers = new HashMap<>();

    public String latin(String name) {
        return latins.computeIfAbsent(name, n -> NON_ALPHANUMERIC.matcher(toLatin.transliterate(n)
                .toLowerCase(Locale.ROOT)).replaceAll(" ").strip());
    }

    private String foldedOnce(String latin) {
        return foldings.computeIfAbsent(latin, NameLikeness::folded);
    }

    private String consonantsOnce(String folded) {
        return consonantForms.computeIfAbsent(folded, NameLikeness::consonants);
    }

    /** The spelling-neutral form of a transliterated name. */
    static String folded(String latin) {
        String folded = latin.replace("dzh", "j").replace("zh", "j").replace("dj", "j").replace("kh", "h").replace("ts", "c")
                .replace("yu", "iu").replace("ya", "ia").replace('y', 'i');
        return LEADING_Z.matcher(folded).replaceAll("j");
    }

    /** The consonants of each word in order, first letter kept: "janbolat amirov" → "jnblt amrv". */
    static String consonants(String folded) {
        List<String> words = new ArrayList<>();
        for (String word : folded.split(" ")) {
            if (word.isEmpty() || SMALL_WORDS.contains(word)) {
                continue;
            }
            words.add(word.charAt(0) + word.substring(1).replaceAll("[aeiou]", ""));
        }
        return String.join(" ", words);
    }

    /** The initials of a name's words (small words left out), upper case; empty for one word. */
    static String acronym(String latin) {
        String[] words = latin.split(" ");
        if (words.length < 2) {
            return "";
        }
        StringBuilder initials = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && !SMALL_WORDS.contains(word)) {
                initials.append(word.charAt(0));
            }
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }

    static boolean looksLikeAcronym(String name) {
        return ACRONYM_LETTERS.matcher(name.strip()).matches();
    }

    /** Keys under which two names that may be one meet: each word's first consonants, and acronyms. */
    public Set<String> keys(Candidate candidate) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : candidate.names()) {
            String latin = latin(name);
            if (looksLikeAcronym(name)) {
                keys.add("acronym:" + latin.replace(" ", ""));
            }
            String acronym = acronym(latin);
            if (acronym.length() >= 2) {
                keys.add("acronym:" + acronym.toLowerCase(Locale.ROOT));
            }
            for (String word : consonantsOnce(foldedOnce(latin)).split(" ")) {
                if (word.length() >= 3) {
                    keys.add("word:" + word.substring(0, 3));
                }
            }
        }
        return keys;
    }

    public Likeness compare(Candidate a, Candidate b) {
        double best = 0;
        List<String> evidence = new ArrayList<>();
        for (String nameA : a.names()) {
            for (String nameB : b.names()) {
                List<String> why = new ArrayList<>();
                double score = names(nameA, nameB, why);
                if (score > best) {
                    best = score;
                    evidence = why;
                }
            }
        }
        if (best > 0 && a.kind() != null && b.kind() != null && a.kind() != b.kind()
                && a.kind() != EntityKind.OTHER && b.kind() != EntityKind.OTHER) {
            best *= 0.85;
            evidence.add("different kinds (" + a.kind() + ", " + b.kind() + ")");
        } else if (best > 0 && a.kind() == b.kind()) {
            evidence.add("same kind (" + a.kind() + ")");
        }
        return new Likeness(Math.round(best * 1000) / 1000.0, evidence);
    }

    private double names(String a, String b, List<String> why) {
        String latinA = latin(a);
        String latinB = latin(b);
        if (latinA.isEmpty() || latinB.isEmpty()) {
            return 0;
        }
        if (!latinA.equals(lowers.computeIfAbsent(a, KnownNamesKey::lower))) {
            why.add("“" + a + "” transliterates to “" + latinA + "”");
        }
        if (!latinB.equals(lowers.computeIfAbsent(b, KnownNamesKey::lower))) {
            why.add("“" + b + "” transliterates to “" + latinB + "”");
        }
        if (looksLikeAcronym(a) && acronymOf(latinA, latinB)) {
            why.add("“" + a + "” is the acronym of “" + b + "”");
            return ACRONYM;
        }
        if (looksLikeAcronym(b) && acronymOf(latinB, latinA)) {
            why.add("“" + b + "” is the acronym of “" + a + "”");
            return ACRONYM;
        }
        String foldedA = foldedOnce(latinA);
        String foldedB = foldedOnce(latinB);
        if (foldedA.equals(foldedB)) {
            why.add("“" + a + "” and “" + b + "” are the same name after transliteration (“" + foldedA + "”)");
            return SAME_AFTER_TRANSLITERATION;
        }
        if (looksLikeAcronym(a) || looksLikeAcronym(b)) {
            // Letters of an acronym are not a spelling: "GKNB" and "KNB" are two agencies, one letter apart.
            return 0;
        }
        int distance = levenshtein.apply(foldedA, foldedB);
        String consonantsA = consonantsOnce(foldedA);
        if (consonantsA.length() >= 4 && consonantsA.contains(" ") && consonantsA.equals(consonantsOnce(foldedB))) {
            why.add("“" + a + "” and “" + b + "” have the same consonants in the same order (“" + consonantsA + "”), "
                    + distance + " letter" + (distance == 1 ? "" : "s") + " apart after transliteration");
            return SAME_CONSONANTS;
        }
        double words = words(foldedA, foldedB);
        if (words >= THRESHOLD) {
            why.add("“" + a + "” and “" + b + "”: word by word Jaro-Winkler similarity "
                    + String.format(Locale.ROOT, "%.2f", words) + ", " + distance + " letter" + (distance == 1 ? "" : "s")
                    + " apart after transliteration");
        }
        return Math.min(words, 0.9);
    }

    private boolean acronymOf(String acronymLatin, String nameLatin) {
        String letters = acronymLatin.replace(" ", "").toUpperCase(Locale.ROOT);
        if (letters.length() < 2) {
            return false;
        }
        String initials = acronym(nameLatin);
        StringBuilder all = new StringBuilder();
        for (String word : nameLatin.split(" ")) {
            if (!word.isEmpty()) {
                all.append(word.charAt(0));
            }
        }
        return letters.equals(initials) || (all.length() >= 2 && letters.equals(all.toString().toUpperCase(Locale.ROOT)));
    }

    /** Words aligned greedily by Jaro-Winkler; a word counts only if it matches well, over the longer name's words. */
    private double words(String a, String b) {
        List<String> wordsA = content(a);
        List<String> wordsB = content(b);
        if (wordsA.isEmpty() || wordsB.isEmpty()) {
            return 0;
        }
        List<String> left = new ArrayList<>(wordsB);
        double sum = 0;
        for (String word : wordsA) {
            double best = 0;
            String match = null;
            for (String other : left) {
                double similarity = jaroWinkler.apply(word, other);
                if (similarity > best) {
                    best = similarity;
                    match = other;
                }
            }
            if (match != null && best >= WORD_MATCH) {
                sum += best;
                left.remove(match);
            }
        }
        return sum / Math.max(wordsA.size(), wordsB.size());
    }

    private static List<String> content(String folded) {
        List<String> words = new ArrayList<>();
        for (String word : folded.split(" ")) {
            if (!word.isEmpty() && !SMALL_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Lower case with runs of other characters as one space: what transliteration leaves of an ASCII name. */
    private static final class KnownNamesKey {
        static String lower(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        }
    }
}
