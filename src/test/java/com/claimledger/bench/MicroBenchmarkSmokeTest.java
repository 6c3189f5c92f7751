package com.claimledger.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JMH micro-benchmarks run in every {@code mvn verify} at a tiny size (no fork, one short iteration each), so
 * that they cannot rot; their figures come from a real run (docs/benchmarks.md). No assertion on any time: only that
 * every benchmark ran and produced a score.
 */
class MicroBenchmarkSmokeTest {

    @Test
    void everyMicroBenchmarkRuns() throws Exception {
        Options options = new OptionsBuilder()
                .include(LeafHashBenchmark.class.getSimpleName())
                .include(TemporalQueryBenchmark.class.getSimpleName())
                .include(com.claimledger.web.AnswerWritingBenchmark.class.getSimpleName())
                .include(com.claimledger.ledger.config.StoredEventReadingBenchmark.class.getSimpleName())
                .param("claims", "300")
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(12);
        results.forEach(result -> assertThat(result.getPrimaryResult().getScore())
                .as(result.getParams().getBenchmark()).isPositive());
    }
}
