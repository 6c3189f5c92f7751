package com.claimledger.ledger.web;

import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The stream's tail asks nothing once the application closes (its query handlers are being unsubscribed), nor while
 * nobody subscribes; a subscriber is sent what came after it subscribed.
 */
class LedgerStreamCloseTest {

    @Test
    void aPollAfterTheCloseQueriesNothing() {
        QueryGateway queries = mock(QueryGateway.class);
        LedgerStream stream = new LedgerStream(queries, 100, Duration.ofSeconds(15));

        stream.close();
        stream.poll();

        verifyNoInteractions(queries);
    }

    @Test
    void aPollWhileNobodySubscribesAsksTheLedgerNothing() {
        QueryGateway queries = mock(QueryGateway.class);
        LedgerStream stream = new LedgerStream(queries, 100, Duration.ofSeconds(15));

        stream.poll();
        stream.poll();
        stream.poll();

        verifyNoInteractions(queries);
    }

    @Test
    void aSubscriberAfterAQuietSpellIsSentWhatCameAfterItSubscribedOnly() {
        QueryGateway queries = mock(QueryGateway.class);
        AtomicLong size = new AtomicLong(5);
        when(queries.query(any(CountEntries.class), eq(Long.class)))
                .thenAnswer(asked -> CompletableFuture.completedFuture(size.get()));
        when(queries.query(any(ListEntries.class), eq(Entries.class)))
                .thenReturn(CompletableFuture.completedFuture(new Entries(List.of())));
        LedgerStream stream = new LedgerStream(queries, 100, Duration.ofSeconds(15));
        stream.poll();
        size.set(7); // appended while nobody watched
        stream.poll();

        stream.subscribe(null);
        stream.poll();

        verify(queries, times(1)).query(any(CountEntries.class), eq(Long.class));
        // The head read as it subscribed (entry 6), not the one of the last poll before it.
        verify(queries).query(eq(new ListEntries(6L, 500)), eq(Entries.class));
        verify(queries, times(1)).query(any(ListEntries.class), eq(Entries.class));
    }
}
