package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.finder.api.Suggestions.Suggestion;
import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suggestions keep only the best pairs and compare a pair in full only if it could be one of them; these tests
 * hold them to what comparing every pair in full, ranking all and cutting at the limit gives — the same pairs, scores
 * and evidence, in the same order — over ledgers of look-alike names in two scripts, acronyms and several kinds.
 */
class BestSuggestionsTest {

    private static final String[] SYLLABLES = {"ka", "ra", "mi", "to", "su", "ne", "bo", "li", "za", "zha", "dzh",
            "kh", "an", "ol", "ya", "yu", "ts", "i", "e"};
    private static final EntityKind[] KINDS = {EntityKind.PERSON, EntityKind.PERSON, EntityKind.ORGANIZATION,
            EntityKind.AGENCY, EntityKind.OTHER};

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Names drawn from few syllables (so that many are alike), some in Cyrillic, some acronyms of others. */
    private static List<NameLikeness.Candidate> ledger(long seed, int size, boolean otherScripts) {
        Random random = new Random(seed);
        Transliterator toCyrillic = Transliterator.getInstance("Latin-Cyrillic");
        List<NameLikeness.Candidate> all = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = word(random) + " " + word(random) + (random.nextInt(3) == 0 ? " " + word(random) : "");
            if (!earlier.isEmpty() && random.nextInt(4) == 0) {
                // A spelling of an earlier name: a letter changed or the same name in another script.
                String other = earlier.get(random.nextInt(earlier.size()));
                name = otherScripts && random.nextBoolean() ? toCyrillic.transliterate(other)
                        : other.replaceFirst("[aeiou]", SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            List<String> names = new ArrayList<>(List.of(name));
            if (random.nextInt(5) == 0) {
                names.add(NameLikeness.acronym(name.toLowerCase()));
            }
            if (random.nextInt(6) == 0) {
                names.add("the " + word(random).toLowerCase() + " of " + word(random));
            }
            earlier.add(name);
            all.add(new NameLikeness.Candidate("e-" + i, name, KINDS[random.nextInt(KINDS.length)],
                    names.stream().filter(n -> !n.isBlank()).toList()));
        }
        return all;
    }

    private static final Comparator<Suggestion> RANK = Comparator.comparingDouble(Suggestion::score).reversed()
            .thenComparing(s -> s.entity().id()).thenComparing(s -> s.other().id());

    private static Suggestion full(NameLikeness likeness, NameLikeness.Candidate a, NameLikeness.Candidate b) {
        NameLikeness.Likeness result = likeness.compare(a, b);
        return new Suggestion(new EntityRef(a.id(), a.name()),
                new EntityRef(b.id(), b.name()), result.score(), result.evidence());
    }

    /** Every pair that shares a key of at most 200 entities, each compared in full, ranked, cut at the limit. */
    private static List<Suggestion> everyPairInFull(List<NameLikeness.Candidate> all, int limit) {
        NameLikeness likeness = new NameLikeness();
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            for (String key : likeness.keys(all.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<List<Integer>> pairs = new TreeSet<>(Comparator.<List<Integer>>comparingInt(p -> p.get(0)).thenComparingInt(p -> p.get(1)));
        blocks.values().stream().filter(block -> block.size() <= 200).forEach(block -> {
            for (int x : block) {
                for (int y : block) {
                    if (x < y) {
                        pairs.add(List.of(x, y));
                    }
                }
            }
        });
        return pairs.stream().map(p -> full(likeness, all.get(p.get(0)), all.get(p.get(1))))
                .filter(s -> s.score() >= NameLikeness.THRESHOLD).sorted(RANK).limit(limit).toList();
    }

    @RepeatedTest(6)
    void theLedgerWideSuggestionsAreTheBestOfEveryPairComparedInFull(RepetitionInfo repetition) {
        // Half the ledgers without other scripts: their best pairs are word by word alike, many at the same score.
        int n = repetition.getCurrentRepetition();
        List<NameLikeness.Candidate> all = ledger(n, 500, n % 2 == 0);
        List<Suggestion> every = everyPairInFull(all, Integer.MAX_VALUE);
        assertThat(every).as("suggestions of several kinds of likeness").hasSizeGreaterThan(20)
                .anyMatch(s -> s.score() < NameLikeness.SAME_AFTER_TRANSLITERATION);
        // Limits that cut among pairs of one score, among them the pairs only a word-by-word likeness joins (0.9).
        long aboveWords = every.stream().filter(s -> s.score() > 0.9).count();
        assertThat(every.stream().filter(s -> s.score() == 0.9).count()).as("ties at 0.9").isGreaterThan(3);
        for (int limit : new int[]{0, 1, 3, 20, 100, (int) aboveWords + 1, (int) aboveWords + 3, 100_000}) {
            assertThat(SuggestionService.ledgerWide(all, limit).suggestions()).as("limit %d", limit)
                    .isEqualTo(every.subList(0, Math.min(limit, every.size())));
        }
    }

    @RepeatedTest(4)
    void anEntitysSuggestionsAreTheBestOfItsComparisonsInFull(RepetitionInfo repetition) {
        List<NameLikeness.Candidate> all = ledger(100 + repetition.getCurrentRepetition(), 600, true);
        NameLikeness likeness = new NameLikeness();
        for (NameLikeness.Candidate self : all.subList(all.size() - 30, all.size())) {
            for (int limit : new int[]{1, 5, 1_000}) {
                List<Suggestion> expected = all.stream().filter(other -> !other.id().equals(self.id()))
                        .map(other -> full(likeness, self, other)).filter(s -> s.score() >= NameLikeness.THRESHOLD)
                        .sorted(RANK).limit(limit).toList();
                assertThat(SuggestionService.forEntity(self, all, limit).suggestions())
                        .as("%s, limit %d", self.name(), limit).isEqualTo(expected);
            }
        }
    }

    @Test
    void icuLeavesPrintableAsciiAsItIs() {
        // NameLikeness does not transliterate a name of printable ASCII characters: ICU would return it unchanged.
        Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
        for (char x = 0x20; x < 0x7f; x++) {
            for (char y = 0x20; y < 0x7f; y++) {
                for (String around : List.of("a", "Z", " ", ".", "'", "-", "1")) {
                    String name = around + x + y + around + x;
                    assertThat(NameLikeness.printableAscii(name)).isTrue();
                    assertThat(toLatin.transliterate(name)).isEqualTo(name);
                }
            }
        }
        assertThat(NameLikeness.printableAscii("Жанболат")).isFalse();
        assertThat(NameLikeness.printableAscii("Zhanbolat\tAmirov")).isFalse();
        assertThat(NameLikeness.printableAscii("Müller")).isFalse();
    }
}
