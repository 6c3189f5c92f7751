package com.claimledger.claims.command;

import com.claimledger.claims.api.ClaimEvents.ClaimDisputed;
import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.claims.api.ClaimEvents.ClaimRetracted;
import com.claimledger.claims.api.ClaimEvents.DisputeWithdrawn;
import com.claimledger.claims.api.ClaimLookup;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/** Recorded claims as other claims' commands need them, kept inside the writing transaction (subscribing processor). */
@Component
@ProcessingGroup(ClaimDirectory.GROUP)
class ClaimDirectory implements ClaimLookup {

    static final String GROUP = "claim-directory";

    private final NamedParameterJdbcTemplate jdbc;

    ClaimDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClaimRecorded event) {
        jdbc.update("insert into claim_directory (claim_id, asserted_at, retracted) values (:id, :assertedAt, false)",
                Map.of("id", event.claimId(), "assertedAt", Sql.utc(event.assertedAt())));
    }

    @EventHandler
    void on(ClaimDisputed event) {
        jdbc.update("insert into claim_directory_dispute (claim_id, by_claim_id) values (:id, :by)", pair(event.claimId(), event.byClaimId()));
    }

    @EventHandler
    void on(DisputeWithdrawn event) {
        jdbc.update("delete from claim_directory_dispute where claim_id = :id and by_claim_id = :by", pair(event.claimId(), event.byClaimId()));
    }

    @EventHandler
    void on(ClaimRetracted event) {
        jdbc.update("update claim_directory set retracted = true where claim_id = :id", Map.of("id", event.claimId()));
    }

    @Override
    public boolean disputeInForce(String claimId, String byClaimId) {
        return !jdbc.queryForList("select 1 from claim_directory_dispute where claim_id = :id and by_claim_id = :by",
                pair(claimId, byClaimId), Integer.class).isEmpty();
    }

    @Override
    public Optional<ClaimFacts> find(String claimId) {
        return jdbc.query("select claim_id, asserted_at, retracted from claim_directory where claim_id = :id", Map.of("id", claimId),
                (rs, n) -> new ClaimFacts(rs.getString("claim_id"), Sql.instant(rs, "asserted_at"), rs.getBoolean("retracted")))
                .stream().findFirst();
    }

    private static Map<String, String> pair(String claimId, String byClaimId) {
        return Map.of("id", claimId, "by", byClaimId);
    }
}
