package com.claimledger.finder.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 1 and 2 of issue 13: the finder on the seed article against the seed dossier, the 40 claims a person
 * read in it. A dossier quote is proposed when a proposal's span overlaps it; its speaker is right when the proposal
 * that overlaps it most (by overlap over union of the two spans) names the dossier's source. A proposal is "not an
 * attributed statement at all" when it overlaps no dossier quote and nothing in the text marks it as said (no
 * reporting cue, no quotation marks: the outlet's own statements). The figures go to target/finder-seed-report.md
 * (docs/finder.md quotes them).
 */
class FinderSeedTest {

    private static final LocalDate PUBLISHED = LocalDate.parse("2015-07-20");
    private static Finder.Findings findings;
    private static KnownNames names;

    record Reference(String id, String quote, int start, int end, String speakerId) {
    }

    @BeforeAll
    static void read() {
        names = SeedArticle.names();
        findings = new Finder(new Language()).find(SeedArticle.TEXT, PUBLISHED, "IWPR", names);
    }

    static List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        for (JsonNode claim : SeedArticle.DOSSIER.get("claims")) {
            String quote = claim.get("quote").asText();
            int start = SeedArticle.TEXT.indexOf(quote);
            assertThat(start).as("dossier quote of %s is in the seed text", claim.get("id").asText()).isNotNegative();
            String speaker = names.resolve(claim.get("attributedTo").asText()).orElseThrow().id();
            references.add(new Reference(claim.get("id").asText(), quote, start, start + quote.length(), speaker));
        }
        return references;
    }

    static double jaccard(int aStart, int aEnd, int bStart, int bEnd) {
        int overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
        if (overlap <= 0) {
            return 0;
        }
        return (double) overlap / (Math.max(aEnd, bEnd) - Math.min(aStart, bStart));
    }

    @Test
    void proposesTheDossiersQuotesWithTheirSpeakers() throws IOException {
        List<Reference> references = references();
        List<Found> found = findings.found();
        int proposed = 0;
        int rightSpeaker = 0;
        StringBuilder report = new StringBuilder();
        StringBuilder misses = new StringBuilder();
        for (Reference reference : references) {
            Found best = null;
            double bestScore = 0;
            for (Found f : found) {
                double score = jaccard(reference.start(), reference.end(), f.start(), f.end());
                if (score > bestScore) {
                    bestScore = score;
                    best = f;
                }
            }
            if (best == null) {
                misses.append("- not proposed: `").append(reference.id()).append("` “").append(reference.quote()).append("”\n");
                continue;
            }
            proposed++;
            if (reference.speakerId().equals(best.speaker().entityId())) {
                rightSpeaker++;
            } else {
                misses.append("- other speaker: `").append(reference.id()).append("` dossier ").append(reference.speakerId())
                        .append(", proposed ").append(best.speaker().name()).append(" (").append(best.rule()).append(")\n");
            }
        }
        int unattributed = 0;
        StringBuilder outside = new StringBuilder();
        for (Found f : found) {
            boolean overlapsReference = references.stream().anyMatch(r -> jaccard(r.start(), r.end(), f.start(), f.end()) > 0);
            if (!overlapsReference) {
                boolean cued = f.cue() != null;
                if (!cued) {
                    unattributed++;
                }
                outside.append("- ").append(cued ? "attributed, not in the dossier" : "NOT ATTRIBUTED").append(": ")
                        .append(f.rule()).append(", ").append(f.speaker().name()).append(": “").append(f.quote()).append("”\n");
            }
        }
        double recall = (double) proposed / references.size();
        double speakers = (double) rightSpeaker / proposed;
        double notAttributed = (double) unattributed / found.size();
        report.append(String.format(Locale.ROOT, "| dossier quotes | proposed | with the dossier's speaker | proposals | not attributed |%n"
                        + "| --- | --- | --- | --- | --- |%n| %d | %d (%.1f%%) | %d (%.1f%% of proposed) | %d | %d (%.1f%%) |%n%n",
                references.size(), proposed, recall * 100, rightSpeaker, speakers * 100, found.size(), unattributed, notAttributed * 100));
        report.append("Misses:\n").append(misses).append("\nProposals outside the dossier:\n").append(outside);
        report.append("\nAll proposals:\n");
        for (Found f : found) {
            report.append(String.format(Locale.ROOT, "- [%d,%d) %s | %s | %s | cue=%s | t=%s | c=%.2f | “%s”%n", f.start(), f.end(),
                    f.rule(), f.speaker().name(), f.speaker().how(), f.cue(), f.eventTime(), f.confidence(), f.quote()));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/finder-seed-report.md"), report, StandardCharsets.UTF_8);

        assertThat(recall).as("share of the dossier's quotes proposed\n%s", report).isGreaterThanOrEqualTo(0.90);
        assertThat(speakers).as("share of the proposed with the dossier's speaker\n%s", report).isGreaterThanOrEqualTo(0.85);
        assertThat(notAttributed).as("share of proposals that are no attributed statement\n%s", report).isLessThanOrEqualTo(0.20);
    }

    /** Acceptance 2: "This has been disputed by the security service in Kazakstan …" between the two services' claims. */
    @Test
    void proposesTheAmirovDispute() {
        List<Reference> references = references();
        Reference gknb = references.stream().filter(r -> r.id().equals("iwpr-ky-14-gknb-amirov-shot-in-raid")).findFirst().orElseThrow();
        Reference knb = references.stream().filter(r -> r.id().equals("iwpr-ky-15-knb-amirov-died-early-july")).findFirst().orElseThrow();
        assertThat(findings.relations()).anySatisfy(relation -> {
            Found claim = findings.found().get(relation.claim());
            Found by = findings.found().get(relation.byClaim());
            assertThat(relation.type()).isEqualTo("DISPUTES");
            assertThat(jaccard(gknb.start(), gknb.end(), claim.start(), claim.end())).isGreaterThan(0.5);
            assertThat(claim.speaker().entityId()).isEqualTo("gknb");
            assertThat(jaccard(knb.start(), knb.end(), by.start(), by.end())).isGreaterThan(0.5);
            assertThat(by.speaker().entityId()).isEqualTo("knb-kazakhstan");
            assertThat(by.eventTime().from()).isEqualTo(LocalDate.parse("2015-07-01"));
            assertThat(by.eventTime().text()).isEqualTo("at the beginning of July");
            assertThat(relation.cue()).contains("disputed by");
        });
    }
}
