package com.claimledger.ledger.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The template that substitutes a statement's named parameters once: given single values it reuses the statement's
 * JDBC text and declared parameters; given anything whose substitution depends on the values (a list, an array, a
 * typed value, generated keys), it substitutes them as Spring does, every call — also for a statement it keeps.
 */
class SubstitutedStatementsTest {

    private SingleConnectionDataSource database;
    private SubstitutedStatements jdbc;

    /** A template that also hands out the creator it built, to look at its JDBC text. */
    private static final class Looking extends SubstitutedStatements {
        PreparedStatementCreator last;

        Looking(JdbcTemplate jdbc) {
            super(jdbc);
        }

        /** Times a statement was parsed. */
        int parsed;

        PreparedStatementCreator creator(String sql, SqlParameterSource parameters) {
            last = getPreparedStatementCreator(sql, parameters);
            return last;
        }

        @Override
        ParsedSql parse(String sql) {
            parsed++;
            return super.parse(sql);
        }
    }

    @BeforeEach
    void database() {
        database = new SingleConnectionDataSource("jdbc:h2:mem:substituted;DB_CLOSE_DELAY=-1", "sa", "", true);
        jdbc = new SubstitutedStatements(new JdbcTemplate(database));
        jdbc.getJdbcTemplate().execute("create table claim (id varchar(10) primary key, n integer)");
        for (int i = 1; i <= 5; i++) {
            jdbc.update("insert into claim (id, n) values (:id, :n)", Map.of("id", "c" + i, "n", i));
        }
    }

    @AfterEach
    void close() {
        jdbc.getJdbcTemplate().execute("drop all objects");
        database.destroy();
    }

    @Test
    void givenSingleValuesAStatementIsSubstitutedOnceAndItsTextReused() {
        Looking looking = new Looking(new JdbcTemplate(database));
        String sql = "select n from claim where id = :id or n = :n or id = :id";

        PreparedStatementCreator first = looking.creator(sql, new MapSqlParameterSource("id", "c1").addValue("n", 3));
        PreparedStatementCreator second = looking.creator(sql, new MapSqlParameterSource("id", "c2").addValue("n", 4));

        assertThat(((SqlProvider) first).getSql()).isEqualTo("select n from claim where id = ? or n = ? or id = ?")
                .isSameAs(((SqlProvider) second).getSql());
        assertThat(looking.kept()).isEqualTo(1);
        assertThat(looking.queryForList(sql, Map.of("id", "c1", "n", 3), Integer.class)).containsExactlyInAnyOrder(1, 3);
        assertThat(looking.queryForList(sql, Map.of("id", "c2", "n", 4), Integer.class)).containsExactlyInAnyOrder(2, 4);
        assertThat(jdbc.queryForObject("select count(*) from claim", Map.of(), Integer.class)).isEqualTo(5);
    }

    @Test
    void aStatementIsParsedOnceWithSingleValuesAndWithLists() {
        Looking looking = new Looking(new JdbcTemplate(database));
        String single = "select n from claim where id = :id";
        String list = "select n from claim where id in (:ids) order by n";

        for (int i = 1; i <= 3; i++) {
            assertThat(looking.queryForList(single, Map.of("id", "c" + i), Integer.class)).containsExactly(i);
            assertThat(looking.queryForList(list, Map.of("ids", List.of("c1", "c2", "c3").subList(0, i)),
                    Integer.class)).hasSize(i);
        }

        assertThat(looking.parsed).isEqualTo(2);
    }

    @Test
    void aListIsSubstitutedEveryCallEvenForAStatementKeptWithASingleValue() {
        String sql = "select n from claim where id in (:ids) order by n";
        int before = jdbc.kept();

        assertThat(jdbc.queryForList(sql, Map.of("ids", "c2"), Integer.class)).containsExactly(2);
        assertThat(jdbc.kept()).isEqualTo(before + 1);
        assertThat(jdbc.queryForList(sql, Map.of("ids", List.of("c1", "c3", "c5")), Integer.class)).containsExactly(1, 3, 5);
        assertThat(jdbc.queryForList(sql, Map.of("ids", List.of("c4", "c5")), Integer.class)).containsExactly(4, 5);
        assertThat(jdbc.queryForList(sql, Map.of("ids", "c3"), Integer.class)).containsExactly(3);
        assertThat(jdbc.kept()).isEqualTo(before + 1);
    }

    @Test
    void aListUsedOnlyInAnInListIsPaddedToAPowerOfTwoWithTheSameRows() {
        Looking looking = new Looking(new JdbcTemplate(database));
        String sql = "select n from claim where id in (:ids) order by n";

        String three = sqlOf(looking.creator(sql, new MapSqlParameterSource("ids", List.of("c1", "c3", "c5"))));
        String four = sqlOf(looking.creator(sql, new MapSqlParameterSource("ids", List.of("c1", "c2", "c3", "c4"))));
        String five = sqlOf(looking.creator(sql, new MapSqlParameterSource("ids", List.of("c1", "c2", "c3", "c4", "c5"))));

        // one text for three and four ids, the next power of two for five: a dozen texts a statement, not one a length
        assertThat(three).isEqualTo(four).isEqualTo("select n from claim where id in (?, ?, ?, ?) order by n");
        assertThat(placeholders(five)).isEqualTo(8);
        assertThat(jdbc.queryForList(sql, Map.of("ids", List.of("c1", "c3", "c5")), Integer.class)).containsExactly(1, 3, 5);
        assertThat(jdbc.queryForList(sql, Map.of("ids", List.of("c5", "c4", "c3", "c2", "c1")), Integer.class))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(jdbc.queryForList("select n from claim where id not in (:ids) order by n",
                Map.of("ids", List.of("c1", "c3", "c5")), Integer.class)).containsExactly(2, 4);
        assertThat(jdbc.queryForList(sql, Map.of("ids", List.of("c2", "c4")), Integer.class)).containsExactly(2, 4);
    }

    @Test
    void aListAlsoUsedOutsideAnInListOrAVeryLongOneIsLeftAsItIs() {
        Looking looking = new Looking(new JdbcTemplate(database));
        // Padding would change what the statement says: the concatenation would end in c5 twice.
        String sql = "select n from claim where id in (:ids) and concat(:ids) = 'c1c3c5' order by n";
        List<String> ids = List.of("c1", "c3", "c5");

        assertThat(placeholders(sqlOf(looking.creator(sql, new MapSqlParameterSource("ids", ids))))).isEqualTo(6);
        assertThat(jdbc.queryForList(sql, Map.of("ids", ids), Integer.class)).containsExactly(1, 3, 5);

        List<String> many = java.util.stream.IntStream.rangeClosed(1, SubstitutedStatements.MOST_PADDED + 1)
                .mapToObj(i -> "c" + i).toList();
        assertThat(placeholders(sqlOf(looking.creator("select n from claim where id in (:ids)",
                new MapSqlParameterSource("ids", many))))).isEqualTo(SubstitutedStatements.MOST_PADDED + 1);
    }

    private static String sqlOf(PreparedStatementCreator creator) {
        return ((SqlProvider) creator).getSql();
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void typedValuesAndGeneratedKeysAreSubstitutedAsSpringDoes() {
        String sql = "select n from claim where id = :id";
        int before = jdbc.kept();

        assertThat(jdbc.queryForObject(sql, new MapSqlParameterSource().addValue("id", "c2", Types.VARCHAR), Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject(sql, new MapSqlParameterSource("id", new SqlParameterValue(Types.VARCHAR, "c3")),
                Integer.class)).isEqualTo(3);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("insert into claim (id, n) values (:id, :n)", new MapSqlParameterSource("id", "c6").addValue("n", 6),
                keys, new String[] {"id"});
        assertThat(keys.getKeys()).containsEntry("ID", "c6");
        assertThat(jdbc.kept()).isEqualTo(before);

        assertThat(jdbc.queryForObject(sql, Map.of("id", "c6"), Integer.class)).isEqualTo(6);
        assertThat(jdbc.kept()).isEqualTo(before + 1);
    }

    @Test
    void aMissingValueIsRefusedAsSpringRefusesIt() {
        String sql = "select n from claim where id = :id and n = :n";
        assertThat(jdbc.queryForList(sql, Map.of("id", "c1", "n", 1), Integer.class)).containsExactly(1);

        assertThatThrownBy(() -> jdbc.queryForList(sql, Map.of("id", "c1"), Integer.class))
                .hasMessageContaining("No value supplied for the SQL parameter 'n'");
    }

    @Test
    void pastTheMostStatementsTheCacheStartsAgain() {
        for (int i = 0; i < SubstitutedStatements.MOST + 10; i++) {
            jdbc.queryForList("select n from claim where id = :id and " + i + " = " + i, Map.of("id", "c1"), Integer.class);
        }
        assertThat(jdbc.kept()).isBetween(1, SubstitutedStatements.MOST);
    }
}
