package com.claimledger.web;

import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.time.EventTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A page of 50 claims (the heavy reads' answer, some 37 KB of JSON) written as the API writes it, against the same
 * page with Jackson's own serializer of instants: what {@link InstantText} spares a request. Run with
 * {@code -prof gc} to see the bytes allocated a page as well (docs/benchmarks.md, forty-fourth round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnswerWritingBenchmark {

    private Map<String, Object> page;
    private ObjectWriter jackson;
    private ObjectWriter api;
    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }
    };

    @Setup
    public void page() {
        ObjectMapper format = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        jackson = format.writer();
        api = new InputLimits().mappingJackson2HttpMessageConverter(format, 16).getObjectMapper().writer();
        Instant at = Instant.parse("2024-07-03T10:15:30.120Z");
        List<ClaimView> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(new ClaimView("bench-claim-" + (100_000 + i), 3, "bench-article-" + (10_000 + i),
                    "The Border Service denied that the convoy crossed near Batken on the night of the curfew " + i,
                    "We have no record of any convoy crossing near Batken that night", new EntityRef("bench-entity-0042",
                    "Border Service"), List.of(new EntityRef("bench-entity-0007", "Janbolat Amirov"),
                    new EntityRef("bench-entity-0042", "Border Service")), "topic-" + i % 7, at.plusSeconds(i * 3600L),
                    new EventTime(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 2), "early July"),
                    ClaimStatus.values()[i % ClaimStatus.values().length],
                    List.of(new ClaimView.DisputeLink("bench-claim-" + (200_000 + i), "DISPUTED_BY",
                            "contradicts the date", at.plusSeconds(99), false)),
                    List.of(), List.of(), null, List.of(), at.plusSeconds(i * 3600L + 17)));
        }
        page = Map.of("items", claims, "next", "bench-cursor");
    }

    @Benchmark
    public void jacksonsInstants() throws IOException {
        jackson.writeValue(sink, page);
    }

    @Benchmark
    public void apiAnswer() throws IOException {
        api.writeValue(sink, page);
    }
}
