package com.claimledger.claims.query;

import com.claimledger.entities.api.EntityQueries.FindEntityByName;
import com.claimledger.entities.api.EntityView;
import com.claimledger.kernel.Names;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * The filters of claim reads as SQL conditions with named parameters: topic, subject, source (any name or alias of
 * an entity, merged ones included) and full text.
 */
@Component
class ClaimFilters {

    private final QueryGateway queries;

    ClaimFilters(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * The topic and subject filters (each optional) on the claims with these table aliases: a row matches when any
     * of its claims does, so that a dispute matches when either of its two claims does.
     */
    String about(String topic, String subject, MapSqlParameterSource params, String... claims) {
        StringBuilder sql = new StringBuilder();
        if (topic != null) {
            sql.append(" and (").append(String.join(" or ", Arrays.stream(claims)
                    .map(c -> "lower(" + c + ".topic) = :topic").toList())).append(")");
            params.addValue("topic", Names.key(topic));
        }
        if (subject != null) {
            sql.append(" and exists (select 1 from claim_subject s where s.claim_id in (")
                    .append(String.join(", ", Arrays.stream(claims).map(c -> c + ".claim_id").toList()))
                    .append(") and s.entity_id in (:subjects))");
            params.addValue("subjects", members(subject));
        }
        return sql.toString();
    }

    /** The claim (alias {@code c}) was made by the entity a name or alias denotes. */
    String source(String source, MapSqlParameterSource params) {
        params.addValue("sources", members(source));
        return " and c.attributed_to in (:sources)";
    }

    /** Every term of {@code q} must occur in the claim's wording as of t (statement and quote, case-insensitive). */
    String text(String q, Temporal time, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder(" " + """
                and exists (select 1 from claim_wording w where w.claim_id = c.claim_id
                   and w.revision = (select max(w2.revision) from claim_wording w2
                                     where w2.claim_id = c.claim_id and %s)""".formatted(time.visible("w2")));
        String[] terms = Names.key(q).split(" ");
        for (int i = 0; i < terms.length; i++) {
            sql.append(" and w.search_text like :term").append(i).append(" escape '\\'");
            params.addValue("term" + i, "%" + terms[i].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return sql.append(")").toString();
    }

    /** The ids of the entity a name or alias denotes, merged ones included; none if the name is unknown. */
    private List<String> members(String name) {
        return queries.query(new FindEntityByName(name), ResponseTypes.optionalInstanceOf(EntityView.class)).join()
                .map(EntityView::memberIds).orElse(List.of("\u0000none"));
    }
}
