package com.claimledger.bench;

/**
 * One measured figure. {@code ofLimit} is the share of its limit it reaches (for a rate: value / limit; for a
 * duration: limit / value; for the heap: value / limit, the share used), {@code vsAnchor} how many times Axon's
 * default settings it is (only where the anchor measures the same work: the replay). A missing limit or anchor is
 * null, never a made-up number. {@code gc}: the garbage collections inside a load's window (reads, writes, the
 * ceiling), beside which its p99 is to be read; {@code warmup}: what was sent before that load was measured.
 */
record Figure(String name, Long atClaims, double value, String unit, Double p50Ms, Double p99Ms,
              String limit, Double limitValue, Double ofLimit, Double vsAnchor, Heap.Pauses gc, Warmup warmup) {

    Figure(String name, Long atClaims, double value, String unit, Double p50Ms, Double p99Ms, String limit,
           Double limitValue, Double ofLimit, Double vsAnchor) {
        this(name, atClaims, value, unit, p50Ms, p99Ms, limit, limitValue, ofLimit, vsAnchor, null, null);
    }

    /** A load's warm-up: the requests sent before it was measured, and how long they took. */
    record Warmup(int requests, double seconds) {
    }

    static Figure rate(String name, Long atClaims, double value, String unit, Load.Stats stats, String limit,
                       Double limitValue) {
        return new Figure(name, atClaims, value, unit, stats == null ? null : stats.p50Ms(),
                stats == null ? null : stats.p99Ms(), limitValue == null ? null : limit, limitValue,
                limitValue == null ? null : value / limitValue, null);
    }

    Figure withAnchor(double ratio) {
        return new Figure(name, atClaims, value, unit, p50Ms, p99Ms, limit, limitValue, ofLimit, ratio, gc, warmup);
    }

    /**
     * The collections that paused the application during this figure's own measurement (null: not a timed load), and
     * the load's warm-up before it.
     */
    Figure timed(Heap.Pauses pauses, Warmup warmedUp) {
        return new Figure(name, atClaims, value, unit, p50Ms, p99Ms, limit, limitValue, ofLimit, vsAnchor, pauses,
                warmedUp);
    }
}
