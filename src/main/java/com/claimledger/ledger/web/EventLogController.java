package com.claimledger.ledger.web;

import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import com.claimledger.kernel.LedgerException;
import com.claimledger.web.Requests;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The whole ledger in sequence order, paged by the last sequence seen. */
@RestController
class EventLogController {

    record EventPage(List<LedgerEntry> events, Long next) {
    }

    private final QueryGateway queries;

    EventLogController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/events")
    EventPage events(@RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        if (after != null && after < -1) {
            throw LedgerException.invalid("after", "must be a sequence (0 or more), or -1 for the start");
        }
        int size = Requests.limit(limit);
        List<LedgerEntry> events = queries.query(new ListEntries(after, size + 1), Entries.class).join().entries();
        if (events.size() <= size) {
            return new EventPage(events, null);
        }
        List<LedgerEntry> page = events.subList(0, size);
        return new EventPage(page, page.get(size - 1).sequence());
    }
}
