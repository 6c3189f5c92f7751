package com.claimledger.web;

import com.claimledger.kernel.Written;
import org.springframework.http.ResponseEntity;

import java.util.function.Function;

/** How a create answers: 201 when this request recorded the record, 200 when it repeated an identical one. */
public final class Responses {

    private Responses() {
    }

    public static ResponseEntity.BodyBuilder written(Written<?> written) {
        return ResponseEntity.status(written.created() ? 201 : 200);
    }

    /** The record written, as {@code read} serves it, with 201 or 200. */
    public static <T> ResponseEntity<T> written(Written<String> written, Function<String, T> read) {
        return written(written).body(read.apply(written.value()));
    }
}
