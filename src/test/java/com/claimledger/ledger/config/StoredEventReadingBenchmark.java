package com.claimledger.ledger.config;

import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.time.EventTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.DateTimeUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What reading a stored event's times costs: its timestamp's text (as Axon's JPA store keeps it) parsed by Axon and by
 * {@link StoredTimestamps}, and a recorded claim's payload read by Jackson's reader of instants and by the
 * application's ({@link StoredInstants}) — 1,024 different events, taken in turn (docs/benchmarks.md, forty-fifth
 * round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoredEventReadingBenchmark {

    private static final int EVENTS = 1_024;

    private final String[] timestamps = new String[EVENTS];
    private final String[] payloads = new String[EVENTS];
    private ObjectReader jackson;
    private ObjectReader ledger;
    private int next;

    @Setup
    public void events() throws IOException {
        ObjectMapper format = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        jackson = format.readerFor(ClaimRecorded.class);
        ledger = format.copy().registerModule(new SimpleModule("ledger-instants")
                .addDeserializer(Instant.class, new StoredInstants())).readerFor(ClaimRecorded.class);
        SplittableRandom random = new SplittableRandom(45);
        long from = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-12-31T00:00:00Z").getEpochSecond();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000) * 1_000_000L);
            timestamps[i] = DateTimeUtils.formatInstant(at);
            LocalDate day = LocalDate.ofEpochDay(at.getEpochSecond() / 86_400);
            payloads[i] = format.writeValueAsString(new ClaimRecorded("c-" + i, "a-" + i / 10,
                    "Nazira Bekova confirmed that Ilyas Bekova was released on bail", null, "Nazira Bekova",
                    List.of("Ilyas Bekova"), "topic-" + i % 300, at, new EventTime(day, day, day.toString())));
        }
    }

    private int next() {
        next = (next + 1) & (EVENTS - 1);
        return next;
    }

    @Benchmark
    public Instant timestampByAxon() {
        return DateTimeUtils.parseInstant(timestamps[next()]);
    }

    @Benchmark
    public Instant timestampByLedger() {
        return StoredTimestamps.parse(timestamps[next()]);
    }

    @Benchmark
    public Object payloadByJackson() throws IOException {
        return jackson.readValue(payloads[next()]);
    }

    @Benchmark
    public Object payloadByLedger() throws IOException {
        return ledger.readValue(payloads[next()]);
    }
}
