package com.claimledger.finder.web;

import com.claimledger.finder.api.ClaimFinder;
import com.claimledger.finder.api.EntitySuggestions;
import com.claimledger.finder.api.Proposals;
import com.claimledger.finder.api.Suggestions;
import com.claimledger.web.Requests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The claim finder's proposals for an article, and the alias and merge suggestions; none of them records anything. */
@RestController
class FinderController {

    /** The text to read, when the article was recorded without one (or the editor pastes another version of it). */
    record ProposalRequest(@Size(max = 1_000_000) String text) {
    }

    private final ClaimFinder finder;
    private final EntitySuggestions suggestions;

    FinderController(ClaimFinder finder, EntitySuggestions suggestions) {
        this.finder = finder;
        this.suggestions = suggestions;
    }

    @PostMapping("/api/articles/{id}/proposals")
    Proposals propose(@PathVariable String id, @Valid @RequestBody(required = false) ProposalRequest body) {
        return finder.propose(Requests.pathId("article", id), body == null ? null : body.text());
    }

    @GetMapping("/api/entities/{id}/alias-suggestions")
    Suggestions aliasSuggestions(@PathVariable String id, @RequestParam(required = false) Integer limit) {
        return suggestions.forEntity(Requests.pathId("entity", id), Requests.limit(limit));
    }

    @GetMapping("/api/entities/merge-suggestions")
    Suggestions mergeSuggestions(@RequestParam(required = false) Integer limit) {
        return suggestions.ledgerWide(Requests.limit(limit));
    }
}
