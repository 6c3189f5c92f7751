package com.claimledger.ledger.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The head signed last, served again while the ledger has the same size and the head is younger than {@code reuse}
 * ({@code ledger.integrity.head-reuse}, 1 s; zero signs every head). An Ed25519 signature costs the JDK's provider
 * about half a millisecond of CPU (a base-point multiplication): under load it was most of what a claim's proof cost
 * at 10^6 entries (docs/benchmarks.md, twenty-seventh round). What a head served again says stays true — at its
 * timestamp the ledger had that size and that root, and RFC 6962 logs likewise serve their latest signed head — and a
 * head of any other size (one entry more, or an earlier size asked for) is signed at once, as is one asked for at a
 * moment before the last one's timestamp.
 */
final class RecentHead {

    private record Signed(SignedHead head, Instant at) {
    }

    private final Duration reuse;
    private final AtomicReference<Signed> last = new AtomicReference<>();

    RecentHead(Duration reuse) {
        if (reuse.isNegative()) {
            throw new IllegalArgumentException("ledger.integrity.head-reuse must not be negative: " + reuse);
        }
        this.reuse = reuse;
    }

    /** The head of {@code size} entries at {@code now}: the last one if it stands, else {@code sign}'s at {@code now}. */
    SignedHead of(long size, Instant now, Function<Instant, SignedHead> sign) {
        Signed signed = last.get();
        if (signed != null && signed.head().size() == size && !now.isBefore(signed.at())
                && now.isBefore(signed.at().plus(reuse))) {
            return signed.head();
        }
        SignedHead head = sign.apply(now);
        // Of two requests signing at once, either head may stay: both are true, and the next is signed anew or not.
        last.set(new Signed(head, now));
        return head;
    }
}
