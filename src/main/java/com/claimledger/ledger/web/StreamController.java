package com.claimledger.ledger.web;

import com.claimledger.kernel.LedgerException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class StreamController {

    private final LedgerStream stream;

    StreamController(LedgerStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.subscribe(lastEventId == null ? null : sequence(lastEventId));
    }

    private static long sequence(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw LedgerException.invalid("Last-Event-ID", "must be a ledger sequence");
        }
    }
}
