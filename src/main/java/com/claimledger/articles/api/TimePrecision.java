package com.claimledger.articles.api;

/** How precisely a time is known: only its day (given as a plain date), or the instant. */
public enum TimePrecision {
    DAY, INSTANT
}
