package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimEvents.ClaimAmended;
import com.claimledger.claims.api.ClaimEvents.ClaimCorroborated;
import com.claimledger.claims.api.ClaimEvents.ClaimDisputed;
import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.claims.api.ClaimEvents.ClaimRetracted;
import com.claimledger.claims.api.ClaimEvents.ClaimReviewed;
import com.claimledger.claims.api.ClaimEvents.DisputeWithdrawn;
import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.FindClaim;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.Rating;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityQueries.Members;
import com.claimledger.entities.api.EntityQueries.MembersOfName;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.entities.api.EntityView;
import com.claimledger.kernel.Names;
import com.claimledger.support.ProjectionDatabase;
import com.claimledger.time.AsOf;
import com.claimledger.time.AsOf.Axis;
import com.claimledger.time.EventTime;
import com.claimledger.time.TimePoints;
import org.axonframework.queryhandling.QueryGateway;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The claim projection and its readers, wired by hand over a fresh H2 database with the real schema, a fixed clock
 * and a small entity directory in place of the entity projection (answering the two entity queries the claim side
 * asks: ResolveRefs and MembersOfName). Events are given to the projection's handlers
 * directly, each with its ledger time; the version passed is the claim's next sequence number, as Axon would pass it
 * (0 for its recording, +1 for every later event on the claim).
 */
final class ClaimLedger implements AutoCloseable {

    /** The ledger's clock: every read "now" is this moment. */
    static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    static final String ARTICLE = "iwpr-firefight";

    /** The most claims a timeline tells of here (ledger.narrative.timeline-most-claims). */
    static final int MOST_TIMELINE_CLAIMS = 2000;

    // The entities of the seed story. Both KNB entries were one entity registered twice under different names and
    // later merged; likewise the two spellings of Amirov's name.
    static final EntityView GKNB = new EntityView("gknb", "GKNB", EntityKind.AGENCY,
            List.of("Kyrgyzstan's security service", "State Committee for National Security"), List.of());
    static final EntityView KNB = new EntityView("knb-kazakhstan", "National Security Committee of Kazakhstan",
            EntityKind.AGENCY, List.of("KNB", "Kazakh security service"), List.of("kazakh-security-service"));
    static final EntityView AMIROV = new EntityView("amirov", "Janbolat Amirov", EntityKind.PERSON,
            List.of("Zhanbolat Amirov"), List.of("zhanbolat-amirov"));
    static final EntityView IWPR = new EntityView("iwpr", "IWPR", EntityKind.OUTLET, List.of(), List.of());
    static final EntityView BISHKEK = new EntityView("bishkek", "Bishkek", EntityKind.PLACE, List.of(), List.of());
    static final EntityView KAZAKH_GROUP = new EntityView("kazakh-group", "Kazakh group", EntityKind.GROUP,
            List.of(), List.of());

    private static final List<EntityView> DIRECTORY = List.of(GKNB, KNB, AMIROV, IWPR, BISHKEK, KAZAKH_GROUP);

    final ProjectionDatabase db;
    final ClaimProjection projection;
    /** Marks the claims that made links; here it sweeps at once, on the thread that gave the link (no transactions). */
    final LinkMakers makers;
    private final Map<String, Long> versions = new HashMap<>();

    private ClaimLedger(ProjectionDatabase db, int mostWords, int mostTimelineClaims) {
        this.db = db;
        // the entity side's answers, from the directory below: a proxy, as the claim side uses only two queries
        QueryGateway entities = (QueryGateway) Proxy.newProxyInstance(QueryGateway.class.getClassLoader(),
                new Class<?>[] {QueryGateway.class}, (proxy, method, arguments) -> {
                    for (Object argument : arguments == null ? new Object[0] : arguments) {
                        if (argument instanceof ResolveRefs resolve) {
                            return CompletableFuture.completedFuture(refs(resolve));
                        }
                        if (argument instanceof MembersOfName byName) {
                            return CompletableFuture.completedFuture(new Members(
                                    byName(byName.name()).map(EntityView::memberIds).orElse(List.of())));
                        }
                    }
                    throw new AssertionError("the claim side asked the entity side something unexpected: " + method);
                });
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var rows = new ClaimRows(db.jdbc());
        // A small threshold, so that searches here start from few matching claims and walk many, both.
        var filters = new ClaimFilters(db.jdbc(), entities, 3, mostWords);
        this.makers = LinkMakers.sweepingAtOnce(db.jdbc());
        var reader = new ClaimReader(db.jdbc(), new ClaimAssembler(rows, makers, entities), filters, clock);
        this.projection = new ClaimProjection(db.jdbc(), makers, reader, new NarrativeReader(db.jdbc(), filters, entities, mostTimelineClaims));
    }

    static ClaimLedger fresh() {
        return fresh(32);
    }

    /**
     * With {@code mostWords}: the most words a search term may begin for the search to read them in page order
     * from the word index; 0: every search starts as a list does (from few matches, or walking the claims).
     */
    static ClaimLedger fresh(int mostWords) {
        return new ClaimLedger(ProjectionDatabase.fresh(), mostWords, MOST_TIMELINE_CLAIMS);
    }

    /** On {@code db}, a fresh database the caller made (a file database, say). */
    static ClaimLedger on(ProjectionDatabase db) {
        return new ClaimLedger(db, 32, MOST_TIMELINE_CLAIMS);
    }

    /** With {@code mostClaims}: the most claims a timeline tells of. */
    static ClaimLedger freshWithTimelinesOf(int mostClaims) {
        return new ClaimLedger(ProjectionDatabase.fresh(), 32, mostClaims);
    }

    @Override
    public void close() {
        db.close();
    }

    // ---- the entity directory: every id to its canonical entity, every name and alias to its entity ----

    private static Refs refs(ResolveRefs query) {
        Map<String, EntityRef> refs = new HashMap<>();
        for (String id : query.entityIds()) {
            DIRECTORY.stream().filter(entity -> entity.memberIds().contains(id)).findFirst()
                    .ifPresent(entity -> refs.put(id, new EntityRef(entity.id(), entity.name())));
        }
        return new Refs(refs);
    }

    private static Optional<EntityView> byName(String name) {
        return DIRECTORY.stream().filter(entity -> Names.key(entity.name()).equals(Names.key(name))
                || entity.aliases().stream().anyMatch(alias -> Names.key(alias).equals(Names.key(name)))).findFirst();
    }

    static EntityRef ref(EntityView entity) {
        return new EntityRef(entity.id(), entity.name());
    }

    // ---- given: events, each with its ledger time ----

    /** A claim in the seed article, asserted on a day, with no quote, topic or event time unless given later. */
    Recording claim(String claimId) {
        return new Recording(claimId);
    }

    final class Recording {
        private final String claimId;
        private String statement;
        private String quote;
        private String source = GKNB.id();
        private List<String> subjects = List.of();
        private String topic;
        private String article = ARTICLE;
        private Instant assertedAt = day("2015-07-20");
        private EventTime eventTime;

        private Recording(String claimId) {
            this.claimId = claimId;
            this.statement = "Statement of " + claimId + ".";
        }

        Recording says(String statement) {
            this.statement = statement;
            return this;
        }

        Recording quoting(String quote) {
            this.quote = quote;
            return this;
        }

        Recording by(EntityView source) {
            return byId(source.id());
        }

        /** Attributed to an entity id as recorded (possibly an id merged into another entity later). */
        Recording byId(String sourceId) {
            this.source = sourceId;
            return this;
        }

        Recording about(String... subjectIds) {
            this.subjects = Arrays.asList(subjectIds);
            return this;
        }

        Recording onTopic(String topic) {
            this.topic = topic;
            return this;
        }

        Recording in(String articleId) {
            this.article = articleId;
            return this;
        }

        Recording assertedAt(Instant assertedAt) {
            this.assertedAt = assertedAt;
            return this;
        }

        Recording happened(EventTime eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        void recordedAt(Instant recordedAt) {
            given(new ClaimRecorded(claimId, article, statement, quote, source, subjects, topic, assertedAt, eventTime),
                    recordedAt);
        }
    }

    void disputed(String claimId, String byClaimId, String reason, Instant occurredAt, Instant recordedAt) {
        given(new ClaimDisputed(claimId, byClaimId, reason, occurredAt), recordedAt);
    }

    void withdrawn(String claimId, String byClaimId, String reason, Instant occurredAt, Instant recordedAt) {
        given(new DisputeWithdrawn(claimId, byClaimId, reason, occurredAt), recordedAt);
    }

    void corroborated(String claimId, String byClaimId, String note, Instant occurredAt, Instant recordedAt) {
        given(new ClaimCorroborated(claimId, byClaimId, note, occurredAt), recordedAt);
    }

    void amended(String claimId, String statement, String quote, String reason, Instant occurredAt, Instant recordedAt) {
        given(new ClaimAmended(claimId, statement, quote, reason, occurredAt), recordedAt);
    }

    void retracted(String claimId, String reason, String retractedBy, Instant occurredAt, Instant recordedAt) {
        given(new ClaimRetracted(claimId, reason, retractedBy, occurredAt), recordedAt);
    }

    /** A review's narrative time is always its recording time. */
    void reviewed(String claimId, Rating rating, String explanation, String reviewer, Instant recordedAt) {
        given(new ClaimReviewed(claimId, rating, explanation, reviewer, recordedAt), recordedAt);
    }

    /** Hands one event to the projection's handler for its type, with its ledger time and the claim's next version. */
    void given(Object event, Instant recordedAt) {
        if (event instanceof ClaimRecorded e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof ClaimDisputed e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof DisputeWithdrawn e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof ClaimCorroborated e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof ClaimAmended e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof ClaimRetracted e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else if (event instanceof ClaimReviewed e) {
            projection.on(e, recordedAt, nextVersion(e.claimId()));
        } else {
            throw new IllegalArgumentException("not a claim event: " + event);
        }
    }

    /** The sequence number of the claim's next event: 0 for its recording. */
    private long nextVersion(String claimId) {
        return versions.merge(claimId, 0L, (previous, zero) -> previous + 1);
    }

    // ---- reads ----

    Optional<ClaimView> find(String claimId, AsOf asOf) {
        return projection.find(new FindClaim(claimId, asOf));
    }

    ClaimView claim(String claimId, AsOf asOf) {
        return find(claimId, asOf).orElseThrow(() -> new AssertionError(claimId + " is not visible as of " + asOf));
    }

    ClaimStatus status(String claimId, AsOf asOf) {
        return claim(claimId, asOf).status();
    }

    ClaimPage list(AsOf asOf, ClaimFilter filter) {
        return projection.list(new ListClaims(asOf, filter, 100, null));
    }

    List<String> ids(AsOf asOf, ClaimFilter filter) {
        return list(asOf, filter).items().stream().map(ClaimView::id).toList();
    }

    /** Every page of a list, following the cursors, with the ids of each page. */
    List<List<String>> pages(AsOf asOf, ClaimFilter filter, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            ClaimPage page = projection.list(new ListClaims(asOf, filter, limit, cursor));
            pages.add(page.items().stream().map(ClaimView::id).toList());
            cursor = page.next();
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    DisputePage disputes(AsOf asOf, String subject, String topic) {
        return projection.disputes(new ListDisputes(asOf, subject, topic, 100, null));
    }

    // ---- time ----

    /** A plain date as the time of a change: the start of that day (UTC). */
    static Instant day(String date) {
        return TimePoints.changeTime("at", date);
    }

    /** The view of the public record at the end of a day (axis published). */
    static AsOf published(String date) {
        return new AsOf(TimePoints.readBound("asOf", date), Axis.PUBLISHED);
    }

    /** The view of the public record at an instant (axis published). */
    static AsOf publishedAt(Instant at) {
        return new AsOf(at, Axis.PUBLISHED);
    }

    /** What the ledger showed at an instant (axis recorded). */
    static AsOf recorded(String instant) {
        return new AsOf(Instant.parse(instant), Axis.RECORDED);
    }

    static AsOf now() {
        return new AsOf(NOW, Axis.PUBLISHED);
    }

    static ClaimFilter noFilter() {
        return new ClaimFilter(null, null, null, null, null, null);
    }

    static ClaimFilter text(String q) {
        return new ClaimFilter(q, null, null, null, null, null);
    }
}
