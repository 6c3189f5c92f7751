package com.claimledger.ledger.web;

import com.claimledger.kernel.Background;
import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import jakarta.annotation.PreDestroy;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tails the ledger and pushes each new entry to every subscriber as a Server-Sent Event ({@code id} = sequence).
 * Tailing the ledger table (not this node's event bus) also delivers entries appended by other nodes. A subscriber
 * that reconnects with {@code Last-Event-ID} first receives what it missed.
 * <p>
 * A subscriber gets a comment line at once (so its client sees the status and headers before any entry exists) and
 * a heartbeat comment every {@code ledger.stream.heartbeat} (proxies close connections that stay silent). When the
 * application closes, every subscriber is completed first: an idle stream must not hold up the shutdown.
 */
@Component
class LedgerStream {

    private static final Logger log = LoggerFactory.getLogger(LedgerStream.class);
    private static final int BATCH = 500;

    private final QueryGateway queries;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService tail = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledger-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private final long pollMs;
    private final Duration heartbeat;
    private Long lastSent;
    private boolean closed;

    LedgerStream(QueryGateway queries, @Value("${ledger.stream.poll-ms:100}") long pollMs,
                 @Value("${ledger.stream.heartbeat:15s}") Duration heartbeat) {
        this.queries = queries;
        this.pollMs = pollMs;
        this.heartbeat = heartbeat;
    }

    /** Tails once the query handlers are registered, that is when the application is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void startTailing() {
        tail.scheduleWithFixedDelay(this::poll, 0, pollMs, TimeUnit.MILLISECONDS);
        tail.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    SseEmitter subscribe(Long lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        synchronized (lock) {
            if (closed) {
                emitter.complete();
                return emitter;
            }
            // Sent with the headers as soon as the controller returns, before any entry is due.
            if (!comment(emitter, "subscribed")) {
                return emitter;
            }
            long head = head();
            if (lastEventId != null) {
                long after = lastEventId;
                List<LedgerEntry> missed;
                do {
                    missed = entriesAfter(after);
                    for (LedgerEntry entry : missed) {
                        if (entry.sequence() > head) {
                            break;
                        }
                        if (!send(emitter, entry)) {
                            return emitter;
                        }
                        after = entry.sequence();
                    }
                } while (missed.size() == BATCH && after < head);
            }
            subscribers.add(emitter);
        }
        return emitter;
    }

    /**
     * Sends what was appended since the last poll. Not once the application closes: between that and the tail's stop
     * Axon unsubscribes the query handlers, and a poll then failed with "No handler found" at every shutdown. Nor
     * while nobody subscribes: the head is forgotten instead, and the next subscriber reads it afresh — a node nobody
     * watches asked the ledger for its new entries ten times a second, each a transaction on the database.
     */
    void poll() {
        try {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (subscribers.isEmpty()) {
                    lastSent = null;
                    return;
                }
                List<LedgerEntry> entries = entriesAfter(lastSent);
                for (LedgerEntry entry : entries) {
                    subscribers.removeIf(emitter -> !send(emitter, entry));
                    lastSent = entry.sequence();
                }
            }
        } catch (RuntimeException e) {
            log.warn("ledger stream poll failed: {}", e.getMessage());
        }
    }

    /** The last sequence already broadcast (entries up to it reach new subscribers only through Last-Event-ID). */
    private long head() {
        if (lastSent == null) {
            // The sequence is dense from 0: the last entry's sequence is the ledger's size less one.
            lastSent = queries.query(new CountEntries(), Long.class).join() - 1;
        }
        return lastSent;
    }

    private void beat() {
        synchronized (lock) {
            subscribers.removeIf(emitter -> !comment(emitter, "heartbeat"));
        }
    }

    private List<LedgerEntry> entriesAfter(Long sequence) {
        return queries.query(new ListEntries(sequence, BATCH), Entries.class).join().entries();
    }

    private static boolean send(SseEmitter emitter, LedgerEntry entry) {
        try {
            emitter.send(SseEmitter.event().id(Long.toString(entry.sequence())).name(entry.type()).data(entry));
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }

    private static boolean comment(SseEmitter emitter, String text) {
        try {
            emitter.send(SseEmitter.event().comment(text));
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }

    /**
     * Completes every subscriber as soon as the context starts closing, before the web server's graceful shutdown
     * waits for open requests: an open stream is one, and would hold the shutdown for its whole timeout.
     */
    @EventListener(ContextClosedEvent.class)
    void close() {
        synchronized (lock) {
            closed = true;
            subscribers.forEach(SseEmitter::complete);
            subscribers.clear();
        }
    }

    @PreDestroy
    void stop() {
        close();
        // The tail reads the ledger: an interrupt inside a read of H2's file would close the database.
        Background.stop(tail, Duration.ofSeconds(10), "the ledger stream's tail");
    }
}
