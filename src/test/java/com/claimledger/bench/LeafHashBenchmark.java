package com.claimledger.bench;

import com.claimledger.ledger.integrity.EntryCanonicalizer;
import com.claimledger.ledger.integrity.MerkleTree;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The integrity work of every append, alone: an entry of the size of a recorded claim put in canonical form (RFC 8785)
 * and hashed as an RFC 9162 leaf. What each append pays for the verifiable ledger.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LeafHashBenchmark {

    private JsonNode payload;

    @Setup
    public void payload() throws Exception {
        payload = new ObjectMapper().readTree("""
                {"claimId":"bench-claim-000123","articleId":"bench-article-00012",
                 "statement":"The Border Service denied that the convoy crossed near Batken on the night of the curfew",
                 "quote":"We have no record of any convoy crossing near Batken that night",
                 "attributedTo":"bench-entity-0042","subjects":["bench-entity-0007","bench-entity-0042"],
                 "topic":"topic-17","assertedAt":"2019-03-14T08:00:00Z",
                 "eventTime":{"from":"2019-03-13","to":"2019-03-13","text":"the night of 13 March"}}""");
    }

    @Benchmark
    public byte[] canonicalEntryAndLeafHash() {
        return MerkleTree.leafHash(EntryCanonicalizer.entryBytes(123_456L, "ClaimRecorded", "bench-claim-000123",
                "2019-03-14T08:00:00Z", "2026-11-25T05:00:00.123Z", "editor", payload));
    }
}
