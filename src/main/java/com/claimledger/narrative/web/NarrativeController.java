package com.claimledger.narrative.web;

import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Pair;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntries;
import com.claimledger.time.AsOf;
import com.claimledger.kernel.LedgerException;
import com.claimledger.web.Requests;
import com.claimledger.time.TimePoints;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** How the narrative changed: what changed between two moments, and the story of a subject or topic in order. */
@RestController
@RequestMapping("/api/narrative")
class NarrativeController {

    record DiffView(Instant from, Instant to, String axis, List<String> recorded, List<Pair> disputed,
                    List<Pair> corroborated, List<String> amended, List<String> retracted, List<Pair> withdrawn) {
    }

    private final QueryGateway queries;
    private final Clock clock;

    NarrativeController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/diff")
    DiffView diff(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String axis) {
        if (from == null || from.isBlank()) {
            throw LedgerException.invalid("from", "is required (an ISO-8601 date or instant)");
        }
        Instant start = TimePoints.readBound("from", from);
        Instant end = Requests.readBound("to", to, clock);
        AsOf.Axis onAxis = Requests.axis(axis);
        if (end.isBefore(start)) {
            throw LedgerException.invalid("to", "must not be before from");
        }
        Diff diff = queries.query(new NarrativeDiff(start, end, onAxis), Diff.class).join();
        return new DiffView(start, end, onAxis.label(), diff.recorded(), diff.disputed(),
                diff.corroborated(), diff.amended(), diff.retracted(), diff.withdrawn());
    }

    @GetMapping("/timeline")
    TimelineEntries timeline(@RequestParam(required = false) String subject, @RequestParam(required = false) String topic) {
        return queries.query(new Timeline(Requests.optional(subject), Requests.optional(topic)), TimelineEntries.class).join();
    }
}
