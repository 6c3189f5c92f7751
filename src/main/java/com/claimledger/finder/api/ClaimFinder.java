package com.claimledger.finder.api;

/** Reads an article's text and proposes its attributed statements; records nothing. */
public interface ClaimFinder {

    /**
     * The proposals for the article: over {@code text} when given (a text pasted for an article recorded without
     * one), else over the article's own text. Unknown article: not found; no text at all: unprocessable.
     */
    Proposals propose(String articleId, String text);
}
