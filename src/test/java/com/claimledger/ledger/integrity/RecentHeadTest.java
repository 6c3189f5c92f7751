package com.claimledger.ledger.integrity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A signed head is served again only while the ledger has its size and it is younger than the reuse window. */
class RecentHeadTest {

    private static final byte[] ROOT = MerkleTree.nodeHash(MerkleTree.leafHash(new byte[0]), MerkleTree.emptyRoot());
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    private final HeadSigner signer = HeadSigner.generate();
    private final List<Instant> signedAt = new ArrayList<>();

    private Function<Instant, SignedHead> signing(long size) {
        return at -> {
            signedAt.add(at);
            return signer.sign(size, ROOT, at);
        };
    }

    @Test
    void givenAHeadJustSigned_whenTheSameSizeIsAskedWithinTheWindow_thenItIsServedAgainUnsigned() {
        RecentHead recent = new RecentHead(Duration.ofSeconds(1));
        SignedHead first = recent.of(7, T, signing(7));

        assertThat(recent.of(7, T.plusMillis(1), signing(7))).isSameAs(first);
        assertThat(recent.of(7, T.plusMillis(999), signing(7))).isSameAs(first);
        assertThat(signedAt).containsExactly(T);
        assertThat(HeadSigner.verify(first, signer.publicKeyBase64())).isTrue();
    }

    @Test
    void whenTheWindowHasPassed_thenTheHeadIsSignedAtTheMomentAsked() {
        RecentHead recent = new RecentHead(Duration.ofSeconds(1));
        recent.of(7, T, signing(7));

        SignedHead later = recent.of(7, T.plusSeconds(1), signing(7));

        assertThat(later.timestamp()).isEqualTo(T.plusSeconds(1).toString());
        assertThat(signedAt).containsExactly(T, T.plusSeconds(1));
        assertThat(recent.of(7, T.plusMillis(1500), signing(7))).isSameAs(later);
    }

    @Test
    void whenTheLedgerHasAnotherSize_thenThatHeadIsSignedAtOnce() {
        RecentHead recent = new RecentHead(Duration.ofSeconds(1));
        recent.of(7, T, signing(7));

        SignedHead grown = recent.of(8, T.plusMillis(1), signing(8));
        SignedHead earlier = recent.of(5, T.plusMillis(2), signing(5));

        assertThat(grown.size()).isEqualTo(8);
        assertThat(grown.timestamp()).isEqualTo(T.plusMillis(1).toString());
        assertThat(earlier.size()).isEqualTo(5);
        assertThat(signedAt).containsExactly(T, T.plusMillis(1), T.plusMillis(2));
    }

    @Test
    void whenAskedAtAMomentBeforeTheLastHeadsTimestamp_thenItIsSignedAtThatMoment() {
        RecentHead recent = new RecentHead(Duration.ofSeconds(1));
        recent.of(7, T, signing(7));

        SignedHead before = recent.of(7, T.minusMillis(1), signing(7));

        assertThat(before.timestamp()).isEqualTo(T.minusMillis(1).toString());
    }

    @Test
    void givenNoWindow_thenEveryHeadIsSigned() {
        RecentHead recent = new RecentHead(Duration.ZERO);
        recent.of(7, T, signing(7));
        recent.of(7, T, signing(7));

        assertThat(signedAt).containsExactly(T, T);
        assertThatThrownBy(() -> new RecentHead(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.integrity.head-reuse");
    }
}
