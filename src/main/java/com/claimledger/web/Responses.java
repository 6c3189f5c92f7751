package com.claimledger.web;

import com.claimledger.kernel.Written;
import org.springframework.http.ResponseEntity;

/** How a create answers: 201 when this request recorded the record, 200 when it repeated an identical one. */
public final class Responses {

    private Responses() {
    }

    public static ResponseEntity.BodyBuilder written(Written<?> written) {
        return ResponseEntity.status(written.created() ? 201 : 200);
    }
}
