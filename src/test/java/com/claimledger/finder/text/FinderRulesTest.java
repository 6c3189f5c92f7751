package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.finder.text.Found.Rule;
import com.claimledger.finder.text.Found.Speaker.How;
import com.claimledger.time.EventTime;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each attribution rule of the finder (docs/finder.md), on sentences made for it. */
class FinderRulesTest {

    private static final Language LANGUAGE = new Language();
    private static final LocalDate PUBLISHED = LocalDate.parse("2015-07-20");

    private static final List<KnownNames.Known> LEDGER = List.of(
            new KnownNames.Known("gknb", "GKNB", EntityKind.AGENCY, List.of("GKNB", "Kyrgyz security service", "State Committee for National Security")),
            new KnownNames.Known("knb", "KNB", EntityKind.AGENCY, List.of("KNB", "Security service in Kazakstan")),
            new KnownNames.Known("atambaev", "Almazbek Atambaev", EntityKind.PERSON, List.of("Almazbek Atambaev", "Atambaev")),
            new KnownNames.Known("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of("Janbolat Amirov", "Amirov")),
            new KnownNames.Known("rep", "Unnamed GKNB representative", EntityKind.PERSON, List.of("Unnamed GKNB representative", "GKNB representative")),
            new KnownNames.Known("expert", "Anonymous religious affairs expert", EntityKind.PERSON,
                    List.of("Anonymous religious affairs expert", "Anonymous expert on religious affairs")),
            new KnownNames.Known("is", "Islamic State", EntityKind.GROUP, List.of("Islamic State", "IS")),
            new KnownNames.Known("iwpr", "IWPR", EntityKind.OUTLET, List.of("IWPR")));

    private static Finder.Findings find(String text) {
        return new Finder(LANGUAGE).find(text, PUBLISHED, "IWPR", new KnownNames(LEDGER));
    }

    private static Found only(String text, Rule rule) {
        List<Found> found = find(text).found().stream().filter(f -> f.rule() == rule).toList();
        assertThat(found).as("%s in %s", rule, find(text).found()).hasSize(1);
        return found.get(0);
    }

    @Test
    void directQuoteWithTheSpeakerAfterOrBefore() {
        Found after = only("“Islamic State is a true enemy of Islam,” Almazbek Atambaev said.", Rule.DIRECT_QUOTE);
        assertThat(after.quote()).isEqualTo("Islamic State is a true enemy of Islam");
        assertThat(after.speaker().entityId()).isEqualTo("atambaev");
        assertThat(after.subjects()).extracting(KnownNames.Known::id).containsExactly("is");
        Found before = only("Atambaev said “hundreds of our fellow-citizens could have been killed” if it had happened.", Rule.DIRECT_QUOTE);
        assertThat(before.speaker().entityId()).isEqualTo("atambaev");
        assertThat(before.cue()).isEqualTo("Atambaev said");
    }

    @Test
    void aQuotationOfSeveralSentencesIsOneProposalPerSentence() {
        List<Found> found = find("“This group has nearly been destroyed. We are searching for them,” Atambaev said.").found();
        assertThat(found).extracting(Found::quote).containsExactly("This group has nearly been destroyed.", "We are searching for them");
    }

    @Test
    void accordingTo() {
        List<Found> found = find("According to the GKNB, the group was led by Janbolat Amirov, and he was among those shot dead.").found();
        assertThat(found).extracting(Found::quote).containsExactly("the group was led by Janbolat Amirov", "he was among those shot dead.");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.ACCORDING_TO);
            assertThat(f.speaker().entityId()).isEqualTo("gknb");
        });
        // "he" is the person named before: the statement and the subjects say whom.
        assertThat(found.get(1).statement()).isEqualTo("Janbolat Amirov was among those shot dead.");
        assertThat(found.get(1).subjects()).extracting(KnownNames.Known::id).containsExactly("amirov");
        Found after = only("Amirov was killed in the raid, according to the GKNB.", Rule.ACCORDING_TO);
        assertThat(after.quote()).isEqualTo("Amirov was killed in the raid");
        assertThat(after.speaker().entityId()).isEqualTo("gknb");
    }

    @Test
    void reportingVerbs() {
        for (String verb : List.of("said", "told IWPR", "stressed", "added", "denied", "disputed", "agreed")) {
            Found found = only("The GKNB " + verb + " that the group was planning attacks in Bishkek.", Rule.REPORTING_VERB);
            assertThat(found.speaker().entityId()).as(verb).isEqualTo("gknb");
            assertThat(found.quote()).as(verb).isEqualTo("the group was planning attacks in Bishkek.");
        }
    }

    @Test
    void pronounsAreCarriedBackToTheNearestFittingSpeaker() {
        List<Found> found = find("""
                Almazbek Atambaev praised the raid. The GKNB said the cell was destroyed.
                “We are ready,” he told IWPR. It added that more arrests would follow soon.""").found();
        Found he = found.stream().filter(f -> f.quote().equals("We are ready")).findFirst().orElseThrow();
        assertThat(he.speaker().entityId()).isEqualTo("atambaev");
        assertThat(he.speaker().how()).isEqualTo(How.PRONOUN);
        Found it = found.stream().filter(f -> f.quote().startsWith("more arrests")).findFirst().orElseThrow();
        assertThat(it.speaker().entityId()).isEqualTo("gknb");
    }

    @Test
    void rolesAreCarriedBackToTheNearestSpeakerTheyFit() {
        List<Found> found = find("""
                An expert on religious affairs who asked to remain anonymous said the men were poorly trained.
                “It could also be that these men decided to align themselves with IS,” the expert said.
                Officers of the Kyrgyz security service searched the house.
                The security service said it had found weapons in the house.""").found();
        assertThat(found.get(1).speaker().entityId()).isEqualTo("expert");
        assertThat(found.get(1).speaker().how()).isEqualTo(How.ROLE);
        Found service = found.stream().filter(f -> f.quote().startsWith("it had found")).findFirst().orElseThrow();
        assertThat(service.speaker().entityId()).as("the security service: the GKNB, named just before").isEqualTo("gknb");
        // Two security services in the ledger and neither named before: the role stays a new name for the editor.
        Found ambiguous = only("The security service said it had found weapons in the house.", Rule.REPORTING_VERB);
        assertThat(ambiguous.speaker().entityId()).isNull();
        assertThat(ambiguous.speaker().name()).isEqualTo("security service");
    }

    @Test
    void anonymousSourcesAreKeptAsSuch() {
        Found known = only("A GKNB representative who asked not to be named told IWPR that the men belonged to IS.", Rule.REPORTING_VERB);
        assertThat(known.speaker().entityId()).isEqualTo("rep");
        assertThat(known.speaker().how()).isEqualTo(How.ANONYMOUS);
        Found expert = only("An expert on religious affairs who asked to remain anonymous said she was dubious about it.", Rule.REPORTING_VERB);
        assertThat(expert.speaker().entityId()).isEqualTo("expert");
        Found unknown = only("A police officer who declined to be named said the road would stay closed.", Rule.REPORTING_VERB);
        assertThat(unknown.speaker().entityId()).isNull();
        assertThat(unknown.speaker().name()).isEqualTo("Unnamed police officer");
        assertThat(unknown.speaker().kind()).isEqualTo(EntityKind.PERSON);
    }

    @Test
    void invertedReportAndInView() {
        Found inverted = only("But the most important thing is that it was prevented, Almazbek Atambaev, the president, said.", Rule.INVERTED_REPORT);
        assertThat(inverted.quote()).isEqualTo("But the most important thing is that it was prevented");
        assertThat(inverted.speaker().entityId()).isEqualTo("atambaev");
        Found view = only("In Atambaev’s view, the threat is only going to increase.", Rule.IN_VIEW);
        assertThat(view.speaker().entityId()).isEqualTo("atambaev");
        Found quoted = only("In Atambaev’s view, “IS has great potential.”", Rule.DIRECT_QUOTE);
        assertThat(quoted.speaker().entityId()).isEqualTo("atambaev");
    }

    @Test
    void disputedByRelatesTheTwoStatements() {
        Finder.Findings findings = find("""
                According to the GKNB, Amirov was among those shot dead during the raid.
                This has been disputed by the security service in Kazakstan, which says Amirov died at the beginning of July.""");
        assertThat(findings.found()).hasSize(2);
        Found disputing = findings.found().get(1);
        assertThat(disputing.rule()).isEqualTo(Rule.DISPUTED_BY);
        assertThat(disputing.speaker().entityId()).isEqualTo("knb");
        assertThat(disputing.eventTime()).isEqualTo(new EventTime(LocalDate.parse("2015-07-01"), LocalDate.parse("2015-07-10"),
                "at the beginning of July"));
        assertThat(findings.relations()).containsExactly(new Found.Relation("DISPUTES", 0, 1, "disputed by the security service in Kazakstan"));
    }

    @Test
    void deniedReportsAreTheReportsDisputedByTheDenial() {
        Finder.Findings findings = find("The KNB denied reports that the pair had set up a group in Kazakstan, and said they "
                + "were planning to go to Syria.");
        List<Found> found = findings.found();
        assertThat(found).extracting(Found::rule).containsExactly(Rule.DENIED_REPORTS, Rule.DENIED_REPORTS, Rule.REPORTING_VERB);
        Found denial = found.get(0);
        Found reports = found.get(1);
        assertThat(reports.quote()).isEqualTo("reports that the pair had set up a group in Kazakstan");
        assertThat(reports.speaker().name()).isEqualTo("Unnamed media reports");
        assertThat(denial.speaker().entityId()).isEqualTo("knb");
        assertThat(found.get(2).speaker().entityId()).as("and said: the same speaker").isEqualTo("knb");
        assertThat(findings.relations()).containsExactly(new Found.Relation("DISPUTES", 1, 0, "denied reports that"));
    }

    @Test
    void outletStatementsOnlyForFactsNoOneElseAsserts() {
        Found fact = only("On July 16 and 17, forces from the GKNB killed six people in Bishkek.", Rule.OUTLET_STATEMENT);
        assertThat(fact.speaker().entityId()).isEqualTo("iwpr");
        assertThat(fact.cue()).isNull();
        assertThat(fact.eventTime()).isEqualTo(new EventTime(LocalDate.parse("2015-07-16"), LocalDate.parse("2015-07-17"), "July 16 and 17"));
        assertThat(find("It was a warm evening and the streets were quiet.").found()).isEmpty();
        assertThat(find("Islamic State Link to Kyrgyzstan Firefight").found()).as("a headline").isEmpty();
    }

    @Test
    void eventTimes() {
        assertThat(EventTimes.in("the July 16-17 raids", PUBLISHED)).contains(
                new EventTime(LocalDate.parse("2015-07-16"), LocalDate.parse("2015-07-17"), "July 16-17"));
        assertThat(EventTimes.in("arrested on July 20 at the airport", PUBLISHED)).contains(
                new EventTime(LocalDate.parse("2015-07-20"), LocalDate.parse("2015-07-20"), "July 20"));
        assertThat(EventTimes.in("died in mid-July", PUBLISHED)).contains(
                new EventTime(LocalDate.parse("2015-07-11"), LocalDate.parse("2015-07-20"), "in mid-July"));
        assertThat(EventTimes.in("it happened in late December", PUBLISHED)).as("after publication: the year before").contains(
                new EventTime(LocalDate.parse("2014-12-21"), LocalDate.parse("2014-12-31"), "in late December"));
        assertThat(EventTimes.in("on 3 March 2014", PUBLISHED)).contains(
                new EventTime(LocalDate.parse("2014-03-03"), LocalDate.parse("2014-03-03"), "3 March 2014"));
        assertThat(EventTimes.in("on February 31", PUBLISHED)).isEmpty();
        assertThat(EventTimes.in("at the end of Ramadan", PUBLISHED)).isEmpty();
    }
}
