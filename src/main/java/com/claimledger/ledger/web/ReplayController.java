package com.claimledger.ledger.web;

import com.claimledger.ledger.replay.ReplayService;
import com.claimledger.ledger.replay.ReplayService.Replay;
import com.claimledger.kernel.LedgerException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Rebuilding every projection from the ledger (admin only, see the security configuration). */
@RestController
@RequestMapping("/api/admin/replay")
class ReplayController {

    private final ReplayService replays;

    ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping
    ResponseEntity<Replay> start() {
        Replay replay = replays.start();
        return ResponseEntity.accepted().location(URI.create("/api/admin/replay/" + replay.id())).body(replay);
    }

    @GetMapping("/{id}")
    Replay get(@PathVariable String id) {
        return replays.find(id).orElseThrow(() -> LedgerException.notFound("replay", id));
    }
}
