package com.claimledger.claims.web;

import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.FindClaim;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.EntriesOf;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.integrity.InclusionProof;
import com.claimledger.ledger.integrity.LedgerIntegrity;
import com.claimledger.ledger.integrity.SignedHead;
import com.claimledger.time.AsOf;
import com.claimledger.claims.api.ClaimWrites;
import com.claimledger.kernel.LedgerException;
import com.claimledger.web.Requests;
import com.claimledger.kernel.Written;
import com.claimledger.web.Responses;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/** Claims: recording them, relating them, correcting and withdrawing them, and reading them back. */
@RestController
@RequestMapping("/api/claims")
class ClaimController {

    private final ClaimWrites writes;
    private final QueryGateway queries;
    private final LedgerIntegrity integrity;
    private final Clock clock;

    ClaimController(ClaimWrites writes, QueryGateway queries, LedgerIntegrity integrity, Clock clock) {
        this.writes = writes;
        this.queries = queries;
        this.integrity = integrity;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ClaimView> record(@Valid @RequestBody ClaimWrites.NewClaim body) {
        Written<String> written = writes.record(body);
        ClaimView claim = current(written.value());
        return Responses.written(written).location(URI.create("/api/claims/" + claim.id()))
                .eTag(etag(claim)).body(claim);
    }

    @PostMapping("/{id}/disputes")
    ResponseEntity<ClaimView> dispute(@PathVariable String id, @Valid @RequestBody ClaimWrites.NewDispute body,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return relate(id, ifMatch, expected -> writes.dispute(id, body, expected));
    }

    @PostMapping("/{id}/disputes/{byClaim}/withdrawal")
    ResponseEntity<ClaimView> withdraw(@PathVariable String id, @PathVariable String byClaim,
                                       @Valid @RequestBody ClaimWrites.Withdrawal body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Requests.pathId("claim", byClaim);
        return change(id, ifMatch, expected -> writes.withdraw(id, byClaim, body, expected));
    }

    @PostMapping("/{id}/corroborations")
    ResponseEntity<ClaimView> corroborate(@PathVariable String id, @Valid @RequestBody ClaimWrites.NewCorroboration body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return relate(id, ifMatch, expected -> writes.corroborate(id, body, expected));
    }

    @PostMapping("/{id}/amendments")
    ResponseEntity<ClaimView> amend(@PathVariable String id, @Valid @RequestBody ClaimWrites.NewAmendment body,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return change(id, ifMatch, expected -> writes.amend(id, body, expected));
    }

    @PostMapping("/{id}/retraction")
    ResponseEntity<ClaimView> retract(@PathVariable String id, @Valid @RequestBody ClaimWrites.NewRetraction body,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return change(id, ifMatch, expected -> writes.retract(id, body, expected, false));
    }

    @PostMapping("/{id}/reviews")
    ResponseEntity<ClaimView> review(@PathVariable String id, @Valid @RequestBody ClaimWrites.NewReview body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return relate(id, ifMatch, expected -> {
            writes.review(id, body, expected);
            return new Written<>(id, true);
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<ClaimView> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                  @RequestParam(required = false) String axis) {
        ClaimView claim = find(id, Requests.asOf(asOf, axis, clock));
        return ResponseEntity.ok().eTag(etag(claim)).body(claim);
    }

    /** Every ledger entry of the claim, oldest first. */
    @GetMapping("/{id}/history")
    History history(@PathVariable String id) {
        List<LedgerEntry> events = entriesOf(Requests.pathId("claim", id));
        if (events.isEmpty() || !events.get(0).type().equals("ClaimRecorded")) {
            throw LedgerException.notFound("claim", id);
        }
        return new History(id, events);
    }

    record History(String claimId, List<LedgerEntry> events) {
    }

    /**
     * The claim's whole history as an outside party can check it offline: every ledger entry of the claim — its
     * own events and the relation entries of other claims that name it — each with its inclusion proof against the
     * signed head of {@code size} entries (default: the current head).
     */
    @GetMapping("/{id}/proof")
    ProofBundle proof(@PathVariable String id, @RequestParam(required = false) Long size) {
        ClaimView claim = current(id);
        SignedHead head = size == null ? integrity.head() : integrity.head(size);
        List<LedgerEntry> entries = new ArrayList<>(entriesOf(id));
        Set<String> related = new TreeSet<>();
        claim.disputes().forEach(link -> related.add(link.claimId()));
        claim.corroborations().forEach(link -> related.add(link.claimId()));
        for (String other : related) {
            entriesOf(other).stream().filter(entry -> id.equals(entry.payload().path("byClaimId").asText(null)))
                    .forEach(entries::add);
        }
        entries.sort(Comparator.comparingLong(LedgerEntry::sequence));
        List<LedgerEntry> signed = entries.stream().filter(entry -> entry.sequence() < head.size()).toList();
        List<InclusionProof> proofs = integrity.inclusions(signed.stream().map(LedgerEntry::sequence).toList(), head);
        List<ProvenEntry> proven = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            proven.add(new ProvenEntry(signed.get(i), proofs.get(i)));
        }
        return new ProofBundle(id, head, proven);
    }

    record ProofBundle(String claimId, SignedHead head, List<ProvenEntry> entries) {
    }

    record ProvenEntry(LedgerEntry entry, InclusionProof inclusion) {
    }

    private List<LedgerEntry> entriesOf(String aggregateId) {
        return queries.query(new EntriesOf(aggregateId), Entries.class).join().entries();
    }

    @GetMapping
    ClaimPage search(@RequestParam(required = false) String q, @RequestParam(required = false) String subject,
                     @RequestParam(required = false) String source, @RequestParam(required = false) String topic,
                     @RequestParam(required = false) String articleId, @RequestParam(required = false) String status,
                     @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        ClaimFilter filter = new ClaimFilter(Requests.optional(q), Requests.optional(subject), Requests.optional(source),
                Requests.optional(topic), Requests.optional(articleId), status == null ? Set.of() : Set.of(status(status)));
        return queries.query(new ListClaims(AsOf.now(clock), filter, Requests.limit(limit), cursor), ClaimPage.class).join();
    }

    /**
     * One change to an existing claim: the If-Match version checked by the aggregate, the claim as it is now back;
     * 201 when a relation or review was recorded, 200 for other changes and identical repeats.
     */
    private ResponseEntity<ClaimView> relate(String id, String ifMatch, Function<Long, Written<String>> write) {
        Long expected = Requests.ifMatch(ifMatch);
        Requests.pathId("claim", id);
        Written<String> written = write.apply(expected);
        ClaimView claim = current(id);
        return Responses.written(written).eTag(etag(claim)).body(claim);
    }

    /** A change that never creates a record of its own (amendment, withdrawal, retraction): answered with 200. */
    private ResponseEntity<ClaimView> change(String id, String ifMatch, Consumer<Long> write) {
        return relate(id, ifMatch, expected -> {
            write.accept(expected);
            return new Written<>(id, false);
        });
    }

    private ClaimView current(String id) {
        return find(id, AsOf.now(clock));
    }

    private ClaimView find(String id, AsOf asOf) {
        return queries.query(new FindClaim(Requests.pathId("claim", id), asOf),
                ResponseTypes.optionalInstanceOf(ClaimView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("claim", id));
    }

    private static String etag(ClaimView claim) {
        return "\"" + claim.version() + "\"";
    }

    private static ClaimStatus status(String status) {
        try {
            return ClaimStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LedgerException.invalid("status", "must be one of STANDING, DISPUTED, RETRACTED");
        }
    }
}
