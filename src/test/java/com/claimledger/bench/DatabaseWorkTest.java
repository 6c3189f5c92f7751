package com.claimledger.bench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a read asks of the database: counted by H2's query statistics, a request, without the node's background. */
class DatabaseWorkTest {

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = new JdbcTemplate(new SingleConnectionDataSource("jdbc:h2:mem:database-work-" + System.nanoTime(), true));
        jdbc.execute("create table claim_view (claim_id varchar(20) primary key)");
        jdbc.execute("create table token_entry (processor_name varchar(20))");
        jdbc.execute("insert into claim_view values ('c-1'), ('c-2'), ('c-3'), ('c-4'), ('c-5')");
    }

    @Test
    void statementsAndRowsAreCountedARequestWithoutTheBackground() {
        DatabaseWork work = new DatabaseWork(jdbc);

        DatabaseWork.Asked asked = work.count(10, () -> {
            for (int request = 0; request < 10; request++) {
                jdbc.queryForList("select claim_id from claim_view where claim_id <= 'c-3'", String.class);
                jdbc.queryForObject("select count(*) from claim_view where claim_id = ?", Long.class, "c-" + request);
                // What a processor polls beside the reads: not the read's.
                jdbc.queryForList("select processor_name from token_entry", String.class);
            }
        });

        assertThat(asked.requests()).isEqualTo(10);
        assertThat(asked.statements()).isEqualTo(2.0);
        assertThat(asked.rows()).isEqualTo(4.0);
        assertThat(asked.bySql()).extracting(DatabaseWork.Statement::sql).containsExactlyInAnyOrder(
                "select claim_id from claim_view where claim_id <= 'c-3'",
                "select count(*) from claim_view where claim_id = ?");
        assertThat(asked.bySql()).allSatisfy(statement -> assertThat(statement.executions()).isEqualTo(1.0));
    }

    @Test
    void eachCountBeginsEmptyAndTheSameWorkCountsTheSame() {
        DatabaseWork work = new DatabaseWork(jdbc);
        Runnable read = () -> {
            for (int request = 0; request < 4; request++) {
                jdbc.queryForList("select claim_id from claim_view", String.class);
            }
        };

        DatabaseWork.Asked first = work.count(4, read);
        DatabaseWork.Asked second = work.count(4, read);

        assertThat(first.statements()).isEqualTo(1.0);
        assertThat(first.rows()).isEqualTo(5.0);
        assertThat(second).isEqualTo(first);
        // The statistics are off between counts: what runs then is nobody's.
        jdbc.queryForList("select claim_id from claim_view where claim_id = 'c-1'", String.class);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.query_statistics", Long.class)).isZero();
    }
}
