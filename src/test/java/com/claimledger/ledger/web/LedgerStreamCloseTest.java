package com.claimledger.ledger.web;

import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The stream's tail asks nothing once the application closes (its query handlers are being unsubscribed). */
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
    void aPollBeforeTheCloseReadsTheHead() {
        QueryGateway queries = mock(QueryGateway.class);
        when(queries.query(any(CountEntries.class), eq(Long.class))).thenReturn(CompletableFuture.completedFuture(3L));
        LedgerStream stream = new LedgerStream(queries, 100, Duration.ofSeconds(15));

        stream.poll();

        verify(queries).query(any(CountEntries.class), eq(Long.class));
    }
}
