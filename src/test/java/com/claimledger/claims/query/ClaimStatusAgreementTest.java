package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static com.claimledger.claims.query.ClaimLedger.KNB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim's status as its view shows it ({@link ClaimStatuses}, from the rows the view reads) is the status the list
 * filters ask in SQL ({@link Temporal#status}), for every claim at every moment on both axes: random ledgers of
 * disputes both ways, withdrawn, disputed again, and retractions of either claim, at the moments of every change and
 * between them. A claim listed as disputed must show as disputed.
 */
class ClaimStatusAgreementTest {

    private ClaimLedger ledger;

    @AfterEach
    void dropLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theViewsStatusIsTheSqlStatusAtEveryMomentOnBothAxes() {
        for (long seed = 1; seed <= 4; seed++) {
            if (ledger != null) {
                ledger.close();
            }
            ledger = ClaimLedger.fresh();
            Random random = new Random(seed);
            Instant day = Instant.parse("2015-07-01T00:00:00Z");
            Instant recorded = Instant.parse("2026-01-05T10:00:00Z");
            List<String> ids = new ArrayList<>();
            List<Instant> moments = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String id = "s" + seed + "-" + i;
                Instant asserted = day.plusSeconds(3600L * random.nextInt(24 * 20));
                ledger.claim(id).assertedAt(asserted).recordedAt(recorded = recorded.plusSeconds(1 + random.nextInt(5)));
                ids.add(id);
                moments.add(asserted);
                moments.add(recorded);
            }
            Set<String> inForce = new HashSet<>();
            Set<String> retracted = new HashSet<>();
            for (int i = 0; i < 70; i++) {
                Instant at = day.plusSeconds(3600L * random.nextInt(24 * 25));
                recorded = recorded.plusSeconds(1 + random.nextInt(5));
                String claim = ids.get(random.nextInt(ids.size()));
                String by = ids.get(random.nextInt(ids.size()));
                int kind = random.nextInt(10);
                if (kind < 5 && !claim.equals(by) && !retracted.contains(claim) && !retracted.contains(by)
                        && inForce.add(claim + " " + by)) {
                    ledger.disputed(claim, by, "why " + i, at, recorded);
                } else if (kind < 8 && !inForce.isEmpty()) {
                    String[] pair = new ArrayList<>(inForce).get(random.nextInt(inForce.size())).split(" ");
                    inForce.remove(pair[0] + " " + pair[1]);
                    ledger.withdrawn(pair[0], pair[1], "Recorded in error.", at, recorded);
                } else if (kind >= 8 && retracted.add(claim)) {
                    ledger.retracted(claim, "Denied.", KNB.id(), at, recorded);
                } else {
                    continue;
                }
                moments.add(at);
                moments.add(recorded);
            }
            int compared = 0;
            Map<ClaimStatus, Integer> seen = new HashMap<>();
            for (Instant moment : moments) {
                for (Instant at : List.of(moment.minusMillis(1), moment, moment.plusMillis(1))) {
                    for (AsOf.Axis axis : AsOf.Axis.values()) {
                        AsOf asOf = new AsOf(at, axis);
                        Map<String, String> inSql = sqlStatuses(asOf);
                        for (String id : ids) {
                            String shown = ledger.find(id, asOf).map(ClaimView::status).map(Enum::name).orElse(null);
                            assertThat(shown).as("%s as of %s", id, asOf).isEqualTo(inSql.get(id));
                            if (shown != null) {
                                seen.merge(ClaimStatus.valueOf(shown), 1, Integer::sum);
                                compared++;
                            }
                        }
                        // a page of claims shows each claim's status as the single claim does
                        List<ClaimView> page = ledger.list(asOf, ClaimLedger.noFilter()).items();
                        assertThat(page).hasSize(inSql.size());
                        page.forEach(view -> assertThat(view.status().name()).as("%s in a page as of %s", view.id(), asOf)
                                .isEqualTo(inSql.get(view.id())));
                    }
                }
            }
            assertThat(compared).isGreaterThan(1000);
            assertThat(seen.keySet()).as("statuses met, seed %d", seed).contains(ClaimStatus.values());
        }
    }

    /** Every claim visible at the moment with {@link Temporal#status}, as the list filters ask it. */
    private Map<String, String> sqlStatuses(AsOf asOf) {
        Temporal time = new Temporal(asOf.axis());
        Map<String, String> statuses = new HashMap<>();
        ledger.db.jdbc().query("select c.claim_id, " + time.status("c") + " as status from claim_view c where "
                + time.visible("c"), Temporal.at(asOf), rs -> {
            statuses.put(rs.getString("claim_id"), rs.getString("status"));
        });
        return statuses;
    }
}
