package com.claimledger.dossier;

import com.claimledger.articles.api.ArticleWrites;
import com.claimledger.claims.api.ClaimWrites;
import com.claimledger.claims.api.ClaimWrites.NewCorroboration;
import com.claimledger.claims.api.ClaimWrites.NewAmendment;
import com.claimledger.claims.api.ClaimWrites.NewDispute;
import com.claimledger.claims.api.ClaimWrites.NewReview;
import com.claimledger.entities.api.EntityWrites.NewAlias;
import com.claimledger.claims.api.ClaimWrites.NewRetraction;
import com.claimledger.entities.api.EntityWrites;
import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.ledger.api.LedgerWrites;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import static com.claimledger.dossier.Dossier.orEmpty;

/**
 * Applies a dossier in order — entities, aliases, articles, claims, relations, withdrawals, amendments, retractions,
 * reviews — as one ledger write: all of it is recorded or none. Applying the same dossier again records nothing new.
 */
@Component
public class DossierImporter {

    private final EntityWrites entities;
    private final ArticleWrites articles;
    private final ClaimWrites claims;
    private final LedgerWrites ledger;
    private final QueryGateway queries;

    DossierImporter(EntityWrites entities, ArticleWrites articles, ClaimWrites claims, LedgerWrites ledger,
                    QueryGateway queries) {
        this.entities = entities;
        this.articles = articles;
        this.claims = claims;
        this.ledger = ledger;
        this.queries = queries;
    }

    public Dossier.Counts apply(Dossier dossier) {
        return ledger.write(() -> {
            long before = ledgerSize();
            orEmpty(dossier.entities()).forEach(entities::register);
            orEmpty(dossier.aliases()).forEach(alias -> entities.addAlias(alias.entity(), new NewAlias(alias.alias())));
            orEmpty(dossier.articles()).forEach(articles::record);
            orEmpty(dossier.claims()).forEach(claims::record);
            for (Dossier.Relation relation : orEmpty(dossier.relations())) {
                switch (relation.type()) {
                    case DISPUTES -> claims.disputeOnce(relation.claim(),
                            new NewDispute(relation.byClaim(), relation.reason(), relation.at()));
                    case CORROBORATES -> claims.corroborate(relation.claim(),
                            new NewCorroboration(relation.byClaim(), relation.reason(), relation.at()), null);
                }
            }
            orEmpty(dossier.withdrawals()).forEach(withdrawal -> claims.withdrawOnce(withdrawal.claim(),
                    withdrawal.byClaim(), new ClaimWrites.Withdrawal(withdrawal.reason(), withdrawal.at())));
            // Before the retractions: a retracted claim cannot be amended, so every amendment came before.
            orEmpty(dossier.amendments()).forEach(amendment -> claims.amendOnce(amendment.claim(),
                    new NewAmendment(amendment.statement(), amendment.quote(), amendment.reason(), amendment.at())));
            orEmpty(dossier.retractions()).forEach(retraction -> claims.retract(retraction.claim(),
                    new NewRetraction(retraction.reason(), retraction.retractedBy(), retraction.at()), null, true));
            orEmpty(dossier.reviews()).forEach(review -> claims.reviewOnce(review.claim(),
                    new NewReview(review.rating(), review.explanation(), review.reviewer()), review.at()));
            return new Dossier.Counts(orEmpty(dossier.entities()).size(), orEmpty(dossier.aliases()).size(),
                    orEmpty(dossier.articles()).size(), orEmpty(dossier.claims()).size(),
                    orEmpty(dossier.relations()).size(), orEmpty(dossier.withdrawals()).size(),
                    orEmpty(dossier.amendments()).size(), orEmpty(dossier.retractions()).size(),
                    orEmpty(dossier.reviews()).size(), ledgerSize() - before);
        });
    }

    private long ledgerSize() {
        return queries.query(new CountEntries(), Long.class).join();
    }
}
