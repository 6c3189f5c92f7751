package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.finder.api.Suggestions;
import com.claimledger.finder.api.Suggestions.Suggestion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 3 of issue 13: one person across spellings and scripts, one agency by its acronym. */
class MergeSuggestionsTest {

    private static final Set<String> AMIROVS = Set.of("zhanbolat", "janbolat", "zhanbolot", "cyrillic");

    private static NameLikeness.Candidate entity(String id, String name, EntityKind kind, String... aliases) {
        List<String> names = new ArrayList<>();
        names.add(name);
        names.addAll(List.of(aliases));
        return new NameLikeness.Candidate(id, name, kind, names);
    }

    /** The four Amirovs and the two names of the GKNB, among the other people, agencies and places of the seed. */
    private static List<NameLikeness.Candidate> ledger() {
        List<NameLikeness.Candidate> all = new ArrayList<>(List.of(
                entity("zhanbolat", "Zhanbolat Amirov", EntityKind.PERSON),
                entity("janbolat", "Janbolat Amirov", EntityKind.PERSON),
                entity("zhanbolot", "Zhanbolot Amirov", EntityKind.PERSON),
                entity("cyrillic", "Жанболат Амиров", EntityKind.PERSON),
                entity("scns", "SCNS", EntityKind.AGENCY),
                entity("state-committee", "State Committee for National Security", EntityKind.AGENCY)));
        for (KnownNames.Known known : SeedArticle.entities()) {
            if (!Set.of("janbolat-amirov", "gknb").contains(known.id())) {
                // Each seed entity by its canonical name only: its aliases are its own, not other entities.
                all.add(entity(known.id(), known.name(), known.kind()));
            }
        }
        return all;
    }

    private static boolean amirovPair(Suggestion s) {
        return AMIROVS.contains(s.entity().id()) && AMIROVS.contains(s.other().id());
    }

    private static boolean agencyPair(Suggestion s) {
        return Set.of(s.entity().id(), s.other().id()).equals(Set.of("scns", "state-committee"));
    }

    @Test
    void theAmirovPairsRankAboveEveryUnrelatedPair() {
        List<Suggestion> suggestions = SuggestionService.ledgerWide(ledger(), 500).suggestions();
        List<Suggestion> amirovs = suggestions.stream().filter(MergeSuggestionsTest::amirovPair).toList();
        assertThat(amirovs).as("every pair of the four spellings is suggested: %s", suggestions).hasSize(6);
        double lowestAmirov = amirovs.stream().mapToDouble(Suggestion::score).min().orElseThrow();
        List<Suggestion> unrelated = suggestions.stream().filter(s -> !amirovPair(s) && !agencyPair(s)).toList();
        assertThat(unrelated).allSatisfy(s -> assertThat(s.score()).as("%s", s).isLessThan(lowestAmirov));
        // Best first, and the Cyrillic spelling's evidence says it was transliterated.
        assertThat(suggestions.subList(0, 6)).allMatch(MergeSuggestionsTest::amirovPair);
        assertThat(amirovs.stream().filter(s -> s.entity().id().equals("cyrillic") || s.other().id().equals("cyrillic")))
                .allSatisfy(s -> assertThat(String.join(" ", s.evidence())).contains("transliterates to"));
    }

    @Test
    void theAcronymIsSuggestedForTheAgencysName() {
        Suggestions suggestions = SuggestionService.ledgerWide(ledger(), 500);
        assertThat(suggestions.suggestions()).filteredOn(MergeSuggestionsTest::agencyPair).singleElement()
                .satisfies(s -> assertThat(s.evidence()).contains("“SCNS” is the acronym of “State Committee for National Security”"));
    }

    @Test
    void unrelatedNamesAreNotSuggested() {
        NameLikeness likeness = new NameLikeness();
        assertThat(likeness.compare(entity("a", "Kyrgyz police", EntityKind.AGENCY),
                entity("b", "Kyrgyz government", EntityKind.ORGANIZATION)).score()).isLessThan(NameLikeness.THRESHOLD);
        assertThat(likeness.compare(entity("a", "Almazbek Atambaev", EntityKind.PERSON),
                entity("b", "Artur Medetbekov", EntityKind.PERSON)).score()).isLessThan(NameLikeness.THRESHOLD);
        assertThat(likeness.compare(entity("a", "GKNB", EntityKind.AGENCY, "ГКНБ"),
                entity("b", "KNB", EntityKind.AGENCY, "КНБ")).score()).as("acronyms a letter apart").isZero();
        assertThat(likeness.compare(entity("a", "Kazakhstan", EntityKind.PLACE),
                entity("b", "Kyrgyzstan", EntityKind.PLACE)).score()).isLessThan(NameLikeness.THRESHOLD);
    }
}
