package com.claimledger.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** A moment on one of the two time axes: the view of the ledger that contains exactly the changes at or before it. */
public record AsOf(Instant at, Axis axis) {

    public enum Axis {
        /** Narrative time: when a change happened in the world. */
        PUBLISHED("occurred_at"),
        /** Ledger time: when the ledger stored the change. */
        RECORDED("recorded_at");

        /** The column that holds this axis' time in every temporal projection table. */
        public final String column;

        Axis(String column) {
            this.column = column;
        }

        /** The axis as clients name it: {@code published} or {@code recorded}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The view of now on the default (narrative) axis. */
    public static AsOf now(Clock clock) {
        return new AsOf(clock.instant().truncatedTo(ChronoUnit.MILLIS), Axis.PUBLISHED);
    }
}
