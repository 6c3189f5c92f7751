package com.claimledger.ledger.config;

import com.claimledger.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Every module's SQL goes through the template that substitutes a statement's named parameters once. */
class SubstitutedStatementsWiredTest extends ApiTest {

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void theApplicationsNamedParameterTemplateKeepsItsStatementsSubstitutions() {
        http.get("/api/claims?limit=5");

        assertThat(jdbc).isInstanceOf(SubstitutedStatements.class);
        assertThat(((SubstitutedStatements) jdbc).kept()).isPositive();
    }
}
