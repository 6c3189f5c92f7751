package com.claimledger.claims.query;

import com.claimledger.ledger.projection.Sql;
import com.claimledger.time.AsOf;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL of time travel on one axis. Every temporal row carries both times of its change; every condition here
 * compares the axis' column of a row with the parameter {@code :t}. Column names come only from the closed enum
 * {@link AsOf.Axis}, never from a request; values are always named parameters.
 */
final class Temporal {

    private final String column;

    Temporal(AsOf.Axis axis) {
        this.column = axis.column;
    }

    /** The moment of a read as the parameter {@code :t}. */
    static MapSqlParameterSource at(AsOf asOf) {
        return new MapSqlParameterSource().addValue("t", Sql.utc(asOf.at()));
    }

    /** The column that holds this axis' time of a change. */
    String column() {
        return column;
    }

    /** The column that holds this axis' time of a dispute's withdrawal. */
    String withdrawnColumn() {
        return "withdrawn_" + column;
    }

    /** The row (of any temporal table) had happened by t. */
    String visible(String row) {
        return row + "." + column + " <= :t";
    }

    /** The change happened after {@code :from} and by {@code :to}. */
    String between(String timeColumn) {
        return timeColumn + " > :from and " + timeColumn + " <= :to";
    }

    /**
     * SPEC section 1 at t: retracted by t; else disputed if a dispute in force at t links it; else standing. The
     * dispute is looked for on each side by its own index (one {@code or} across the two columns had H2 read every
     * dispute for every claim: seconds a page at 10^5 claims, docs/benchmarks.md).
     */
    String status(String claim) {
        return """
                case when %2$s
                     then 'RETRACTED'
                     when %3$s
                       or %4$s
                     then 'DISPUTED'
                     else 'STANDING' end""".formatted(claim,
                any("select 1 from claim_retraction r where r.claim_id = " + claim + ".claim_id and " + visible("r")),
                any("select 1 from claim_dispute d where d.claim_id = " + claim + ".claim_id and " + inForce("d")),
                any("select 1 from claim_dispute d where d.by_claim_id = " + claim + ".claim_id and " + inForce("d")));
    }

    /**
     * The subquery has a row, looked up for each row of the outer query by its correlation. A plain {@code exists}
     * inside the {@code case} let PostgreSQL evaluate each subquery once over its whole table instead and hash it (a
     * hashed subplan: every dispute in force at t with its retraction lookups, 9 ms for a page of 31 claims at 10^4
     * claims, growing with the ledger). {@code offset 0} keeps PostgreSQL from rewriting the {@code exists} that way
     * (its planner leaves an exists with an offset as it is: 1.1 ms for the same page); H2 ignores it and keeps its
     * own exists, which stops at the first row. ("The first row is not null" did the same on PostgreSQL but cost H2
     * a third of the disputed view's rate at 10^6.)
     */
    private static String any(String subquery) {
        return "exists (" + subquery + " offset 0)";
    }

    /**
     * The claim's status at t is one of {@code statuses}, asking only what tells them apart: since RETRACTED beats
     * the other two, "standing or disputed" (the current view) is "not retracted by t" — one index lookup instead of
     * the retraction and both sides' disputes in force (the status expression costs five subqueries a claim).
     */
    String statusIn(java.util.Set<com.claimledger.claims.api.ClaimStatus> statuses, String claim,
                    MapSqlParameterSource params) {
        boolean retracted = statuses.contains(com.claimledger.claims.api.ClaimStatus.RETRACTED);
        boolean others = statuses.contains(com.claimledger.claims.api.ClaimStatus.STANDING)
                && statuses.contains(com.claimledger.claims.api.ClaimStatus.DISPUTED);
        String retraction = "exists (select 1 from claim_retraction r where r.claim_id = %s.claim_id and %s)"
                .formatted(claim, visible("r"));
        if (retracted && others) {
            return "";
        }
        if (others) {
            return " and not " + retraction;
        }
        if (retracted && statuses.size() == 1) {
            return " and " + retraction;
        }
        params.addValue("statuses", statuses.stream().map(Enum::name).toList());
        return " and " + status(claim) + " in (:statuses)";
    }

    /** A dispute is in force at t: made by t, not withdrawn by t, and neither of its claims retracted by t. */
    String inForce(String dispute) {
        return """
                %1$s and (%2$s.%3$s is null or %2$s.%3$s > :t)
                and not exists (select 1 from claim_retraction rr
                                where rr.claim_id in (%2$s.claim_id, %2$s.by_claim_id) and %4$s)"""
                .formatted(visible(dispute), dispute, withdrawnColumn(), visible("rr"));
    }
}
