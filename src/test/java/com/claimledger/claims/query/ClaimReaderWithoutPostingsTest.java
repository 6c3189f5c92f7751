package com.claimledger.claims.query;

/**
 * Every read of {@link ClaimReaderTest} again, with searches that start as lists do — from the few claims their lead
 * term matches, or walking the claims in order and checking each — as a search beside another filter does, and one
 * whose term begins more words than {@code ledger.search.most-words}. Both ways answer alike.
 */
class ClaimReaderWithoutPostingsTest extends ClaimReaderTest {

    @Override
    ClaimLedger newLedger() {
        return ClaimLedger.fresh(0);
    }
}
