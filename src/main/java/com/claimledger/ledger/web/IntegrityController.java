package com.claimledger.ledger.web;

import com.claimledger.ledger.integrity.ConsistencyProof;
import com.claimledger.ledger.integrity.InclusionProof;
import com.claimledger.ledger.integrity.LedgerIntegrity;
import com.claimledger.ledger.integrity.SignedHead;
import com.claimledger.ledger.integrity.Verification;
import com.claimledger.kernel.LedgerException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger's signed head, its proofs and its verification (SPEC "Ledger integrity"); all public. */
@RestController
@RequestMapping("/api/ledger")
class IntegrityController {

    private final LedgerIntegrity integrity;

    IntegrityController(LedgerIntegrity integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/head")
    SignedHead head() {
        return integrity.head();
    }

    @GetMapping("/proofs/inclusion")
    InclusionProof inclusion(@RequestParam(required = false) Long index, @RequestParam(required = false) Long size) {
        if (index == null) {
            throw LedgerException.invalid("index", "is required (the sequence of an entry)");
        }
        return size == null ? integrity.inclusion(index) : integrity.inclusion(index, size);
    }

    @GetMapping("/proofs/consistency")
    ConsistencyProof consistency(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        if (from == null) {
            throw LedgerException.invalid("from", "is required (the size of the earlier tree)");
        }
        return to == null ? integrity.consistency(from) : integrity.consistency(from, to);
    }

    @GetMapping("/verify")
    Verification verify() {
        return integrity.verify();
    }
}
