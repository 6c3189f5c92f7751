package com.claimledger.narrative.web;

import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.DisputeView;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.time.AsOf;
import com.claimledger.ledger.projection.ProjectionDigest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.claimledger.web.Requests;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The current, disputed and retracted views of what has been claimed, as of any moment on either axis. */
@RestController
@RequestMapping("/api/views")
class ViewsController {

    record ClaimsView(Instant asOf, String axis, List<ClaimView> claims, String next) {
    }

    record DisputesView(Instant asOf, String axis, List<DisputeView> disputes, String next) {
    }

    private final QueryGateway queries;
    private final Clock clock;

    ViewsController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/current")
    ClaimsView current(@RequestParam(required = false) String asOf, @RequestParam(required = false) String axis,
                       @RequestParam(required = false) String subject, @RequestParam(required = false) String source,
                       @RequestParam(required = false) String topic, @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String cursor) {
        return claims(Requests.asOf(asOf, axis, clock), ClaimFilter.of(Requests.optional(subject), Requests.optional(source),
                Requests.optional(topic), Set.of(ClaimStatus.STANDING, ClaimStatus.DISPUTED)), limit, cursor);
    }

    @GetMapping("/retracted")
    ClaimsView retracted(@RequestParam(required = false) String asOf, @RequestParam(required = false) String axis,
                         @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return claims(Requests.asOf(asOf, axis, clock), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.RETRACTED)),
                limit, cursor);
    }

    @GetMapping("/disputed")
    DisputesView disputed(@RequestParam(required = false) String asOf, @RequestParam(required = false) String axis,
                          @RequestParam(required = false) String subject, @RequestParam(required = false) String topic,
                          @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        AsOf at = Requests.asOf(asOf, axis, clock);
        DisputePage page = queries.query(new ListDisputes(at, Requests.optional(subject), Requests.optional(topic),
                Requests.limit(limit), cursor), DisputePage.class).join();
        return new DisputesView(at.at(), at.axis().label(), page.items(), page.next());
    }

    /** SHA-256 over a canonical dump of every projection: equal before and after a replay. */
    @GetMapping("/checksum")
    Map<String, String> checksum() {
        List<ProjectionDigest.Part> parts = queries.scatterGather(new ProjectionDigest.Ask(),
                ResponseTypes.instanceOf(ProjectionDigest.Part.class), 30, TimeUnit.SECONDS).toList();
        return Map.of("checksum", ProjectionDigest.combine(parts));
    }

    private ClaimsView claims(AsOf at, ClaimFilter filter, Integer limit, String cursor) {
        ClaimPage page = queries.query(new ListClaims(at, filter, Requests.limit(limit), cursor), ClaimPage.class).join();
        return new ClaimsView(at.at(), at.axis().label(), page.items(), page.next());
    }
}
