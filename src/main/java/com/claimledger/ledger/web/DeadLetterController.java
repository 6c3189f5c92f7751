package com.claimledger.ledger.web;

import com.claimledger.ledger.deadletters.DeadLetters;
import com.claimledger.ledger.deadletters.DeadLetters.Letter;
import com.claimledger.ledger.deadletters.DeadLetters.Retry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Events a projection failed on (admin only): see them, and retry them once the fault is removed. */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    record Letters(long count, List<Letter> letters) {
    }

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Letters list() {
        List<Letter> letters = deadLetters.list();
        return new Letters(letters.size(), letters);
    }

    @PostMapping("/retry")
    Retry retry() {
        return deadLetters.retryAll();
    }
}
