package com.claimledger.kernel;

/** The outcome of a create: what is there now, and whether this request created it (201) or repeated it (200). */
public record Written<T>(T value, boolean created) {
}
