package com.claimledger.time;

import java.time.LocalDate;

/** When the claimed thing happened, as precisely as the source says: a day interval and the source's wording. */
public record EventTime(LocalDate from, LocalDate to, String text) {
}
