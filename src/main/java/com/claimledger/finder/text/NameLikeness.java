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
    /** The most a word-by-word likeness scores: below any rule that recognises the same name. */
    static final double WORDS_AT_MOST = 0.9;
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
     * docs/benchmarks.md, twenty-fourth round). A pair is scored from the forms alone; its evidence is written only for
     * the names that decide its score (twenty-sixth round: Levenshtein's distance for the evidence of every pair was
     * 45% of the merge suggestions' samples at 10^6).
     */
    private final Map<String, Form> forms = new HashMap<>();

    /** What a comparison needs of one name, made once. */
    private record Form(String name, String latin, boolean transliterated, boolean acronymLike, String folded,
                        String consonants, String acronym, String initials, List<String> words) {
    }

    private Form form(String name) {
        Form form = forms.get(name);
        if (form == null) {
            // ICU leaves printable ASCII as it is (NameLikenessTest holds it to that), and most names are.
            String transliterated = printableAscii(name) ? name : toLatin.transliterate(name);
            String latin = NON_ALPHANUMERIC.matcher(transliterated.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
            String folded = folded(latin);
            StringBuilder initials = new StringBuilder();
            for (String word : latin.split(" ")) {
                if (!word.isEmpty()) {
                    initials.append(word.charAt(0));
                }
            }
            form = new Form(name, latin, !latin.equals(KnownNamesKey.lower(name)), looksLikeAcronym(name), folded,
                    consonants(folded), acronym(latin), initials.toString().toUpperCase(Locale.ROOT), content(folded));
            forms.put(name, form);
        }
        return form;
    }

    static boolean printableAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    public String latin(String name) {
        return form(name).latin();
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
            Form form = form(name);
            if (form.acronymLike()) {
                keys.add("acronym:" + form.latin().replace(" ", ""));
            }
            if (form.acronym().length() >= 2) {
                keys.add("acronym:" + form.acronym().toLowerCase(Locale.ROOT));
            }
            for (String word : form.consonants().split(" ")) {
                if (word.length() >= 3) {
                    keys.add("word:" + word.substring(0, 3));
                }
            }
        }
        return keys;
    }

    public Likeness compare(Candidate a, Candidate b) {
        double best = 0;
        Form bestA = null;
        Form bestB = null;
        for (String nameA : a.names()) {
            Form formA = form(nameA);
            for (String nameB : b.names()) {
                Form formB = form(nameB);
                double score = names(formA, formB, null, false);
                if (score > best) {
                    best = score;
                    bestA = formA;
                    bestB = formB;
                }
            }
        }
        List<String> evidence = new ArrayList<>();
        if (bestA != null) {
            names(bestA, bestB, evidence, false);
        }
        if (best > 0 && differentKinds(a, b)) {
            best *= 0.85;
            evidence.add("different kinds (" + a.kind() + ", " + b.kind() + ")");
        } else if (best > 0 && a.kind() == b.kind()) {
            evidence.add("same kind (" + a.kind() + ")");
        }
        return new Likeness(rounded(best), evidence);
    }

    /**
     * The score {@link #compare} gives, without writing its evidence. A pair that cannot reach {@code floor} may score
     * lower than it would: names are not compared word by word when even the best such likeness stays under it.
     */
    public double score(Candidate a, Candidate b, double floor) {
        return score(a, b, floor, true);
    }

    /**
     * The score of the rules that recognise one name (an acronym, the same name after transliteration, the same
     * consonants), 0 if none applies to any of the two entities' names. A pair these rules score has that score, as
     * {@link #compare} gives it: each rule scores above any word-by-word likeness ({@link #WORDS_AT_MOST}).
     */
    public double ruleScore(Candidate a, Candidate b) {
        return score(a, b, 0, false);
    }

    private double score(Candidate a, Candidate b, double floor, boolean words) {
        double factor = differentKinds(a, b) ? 0.85 : 1;
        boolean skipWords = !words || rounded(WORDS_AT_MOST * factor) < floor;
        double best = 0;
        for (String nameA : a.names()) {
            Form formA = form(nameA);
            for (String nameB : b.names()) {
                best = Math.max(best, names(formA, form(nameB), null, skipWords));
            }
        }
        return rounded(best * factor);
    }

    private static double rounded(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private static boolean differentKinds(Candidate a, Candidate b) {
        return a.kind() != null && b.kind() != null && a.kind() != b.kind()
                && a.kind() != EntityKind.OTHER && b.kind() != EntityKind.OTHER;
    }

    /**
     * The likeness of two names; with {@code why}, the reasons are added to it (else none are written); with
     * {@code skipWords}, names that only a word-by-word likeness could join score 0.
     */
    private double names(Form a, Form b, List<String> why, boolean skipWords) {
        if (a.latin().isEmpty() || b.latin().isEmpty()) {
            return 0;
        }
        if (why != null && a.transliterated()) {
            why.add("“" + a.name() + "” transliterates to “" + a.latin() + "”");
        }
        if (why != null && b.transliterated()) {
            why.add("“" + b.name() + "” transliterates to “" + b.latin() + "”");
        }
        if (a.acronymLike() && acronymOf(a, b)) {
            if (why != null) {
                why.add("“" + a.name() + "” is the acronym of “" + b.name() + "”");
            }
            return ACRONYM;
        }
        if (b.acronymLike() && acronymOf(b, a)) {
            if (why != null) {
                why.add("“" + b.name() + "” is the acronym of “" + a.name() + "”");
            }
            return ACRONYM;
        }
        if (a.folded().equals(b.folded())) {
            if (why != null) {
                why.add("“" + a.name() + "” and “" + b.name() + "” are the same name after transliteration (“"
                        + a.folded() + "”)");
            }
            return SAME_AFTER_TRANSLITERATION;
        }
        if (a.acronymLike() || b.acronymLike()) {
            // Letters of an acronym are not a spelling: "GKNB" and "KNB" are two agencies, one letter apart.
            return 0;
        }
        String consonantsA = a.consonants();
        if (consonantsA.length() >= 4 && consonantsA.contains(" ") && consonantsA.equals(b.consonants())) {
            if (why != null) {
                int distance = levenshtein.apply(a.folded(), b.folded());
                why.add("“" + a.name() + "” and “" + b.name() + "” have the same consonants in the same order (“"
                        + consonantsA + "”), " + distance + " letter" + (distance == 1 ? "" : "s")
                        + " apart after transliteration");
            }
            return SAME_CONSONANTS;
        }
        if (skipWords) {
            return 0;
        }
        double words = words(a.words(), b.words());
        if (why != null && words >= THRESHOLD) {
            int distance = levenshtein.apply(a.folded(), b.folded());
            why.add("“" + a.name() + "” and “" + b.name() + "”: word by word Jaro-Winkler similarity "
                    + String.format(Locale.ROOT, "%.2f", words) + ", " + distance + " letter" + (distance == 1 ? "" : "s")
                    + " apart after transliteration");
        }
        return Math.min(words, WORDS_AT_MOST);
    }

    private static boolean acronymOf(Form acronym, Form name) {
        String letters = acronym.latin().replace(" ", "").toUpperCase(Locale.ROOT);
        if (letters.length() < 2) {
            return false;
        }
        return letters.equals(name.acronym()) || (name.initials().length() >= 2 && letters.equals(name.initials()));
    }

    /** Words aligned greedily by Jaro-Winkler; a word counts only if it matches well, over the longer name's words. */
    private double words(List<String> wordsA, List<String> wordsB) {
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
        return List.copyOf(words);
    }

    /** Lower case with runs of other characters as one space: what transliteration leaves of an ASCII name. */
    private static final class KnownNamesKey {
        static String lower(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        }
    }
}
