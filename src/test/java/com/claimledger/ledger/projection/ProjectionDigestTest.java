package com.claimledger.ledger.projection;

import com.claimledger.support.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views' checksum of a projection's tables: the SHA-256 of each row's canonical dump, summed over the table as a
 * set, whatever order the rows are stored in and however the scan is cut into parts — and any row added, removed or
 * changed, or moved between tables, changes it. On H2 (pages of row keys, across page boundaries) and on PostgreSQL
 * (a cursor).
 */
class ProjectionDigestTest {

    private static final List<ProjectionDigest.Table> TABLES = List.of(new ProjectionDigest.Table("digest_word"),
            new ProjectionDigest.Table("digest_claim"));
    private static final OffsetDateTime T = OffsetDateTime.parse("2015-07-18T09:00:00.123456Z");

    @Test
    void onH2() {
        everyCase(() -> {
            String url = "jdbc:h2:mem:digest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        });
    }

    @Test
    void onPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            int[] n = {0};
            everyCase(() -> {
                try {
                    String url = postgres.createDatabase("digest_" + n[0]++);
                    return new JdbcTemplate(new DriverManagerDataSource(url, "ledger", "ledger"));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private interface Databases {
        JdbcTemplate fresh();
    }

    /** 24,000 words (each part of the scan more than a page of 5,000 rows on two cores) and 400 claims, in the given order. */
    private static JdbcTemplate ledger(Databases databases, long order) {
        JdbcTemplate jdbc = databases.fresh();
        jdbc.execute("create table digest_claim (claim_id varchar(100) primary key, statement varchar(1000),"
                + " recorded_at timestamp with time zone, retracted boolean)");
        jdbc.execute("create table digest_word (claim_id varchar(100) not null, word varchar(200) not null,"
                + " occurred_at timestamp with time zone not null, primary key (claim_id, word))");
        List<Object[]> claims = new ArrayList<>();
        List<Object[]> words = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            claims.add(new Object[]{"c-" + c, c % 7 == 0 ? null : "Claim " + c + ": Amirov killed in the raid", T.plusSeconds(c),
                    c % 11 == 0});
            for (int w = 0; w < 60; w++) {
                words.add(new Object[]{"c-" + c, "word" + w, T.plusDays(c)});
            }
        }
        Collections.shuffle(claims, new Random(order));
        Collections.shuffle(words, new Random(order + 1));
        jdbc.batchUpdate("insert into digest_claim values (?, ?, ?, ?)", claims);
        jdbc.batchUpdate("insert into digest_word values (?, ?, ?)", words);
        return jdbc;
    }

    private static String digest(JdbcTemplate jdbc) {
        return ProjectionDigest.of("probe", jdbc, TABLES).sha256();
    }

    private void everyCase(Databases databases) {
        JdbcTemplate first = ledger(databases, 1);
        String digest = digest(first);

        // The same rows stored in another order: the same digest.
        assertThat(digest(ledger(databases, 2))).isEqualTo(digest).isEqualTo(digest(first));
        // What it is: each table's name, count and sum of its rows' SHA-256 in a fixed order, hashed.
        assertThat(digest).isEqualTo(reference(first));

        for (Consumer<JdbcTemplate> change : List.<Consumer<JdbcTemplate>>of(
                db -> db.update("delete from digest_word where claim_id = 'c-7' and word = 'word3'"),
                db -> db.update("insert into digest_word values ('c-7', 'stray', ?)", T),
                db -> db.update("update digest_word set occurred_at = ? where claim_id = 'c-250' and word = 'word39'",
                        T.plusNanos(1_000)),
                db -> db.update("update digest_claim set statement = 'Claim 5: Amirov killed in the raiD' where claim_id = 'c-5'"),
                db -> db.update("update digest_claim set statement = '' where claim_id = 'c-7'"),
                db -> db.update("update digest_claim set retracted = not retracted where claim_id = 'c-8'"),
                // Two rows' values swapped between them: each row's hash differs though the column's values are the same.
                db -> {
                    db.update("update digest_claim set recorded_at = ? where claim_id = 'c-1'", T.plusSeconds(2));
                    db.update("update digest_claim set recorded_at = ? where claim_id = 'c-2'", T.plusSeconds(1));
                })) {
            JdbcTemplate changed = ledger(databases, 3);
            change.accept(changed);
            assertThat(digest(changed)).isNotEqualTo(digest).isEqualTo(reference(changed));
        }
        // A row moved to the other table (the same values): the tables' names are in the digest.
        JdbcTemplate moved = databases.fresh();
        moved.execute("create table digest_claim (a varchar(10))");
        moved.execute("create table digest_word (a varchar(10))");
        moved.update("insert into digest_claim values ('x')");
        String before = digest(moved);
        moved.update("delete from digest_claim");
        moved.update("insert into digest_word values ('x')");
        assertThat(digest(moved)).isNotEqualTo(before);
    }

    /** The digest made the slow, obvious way: every row read in one query, hashed, the hashes added as big integers. */
    private static String reference(JdbcTemplate jdbc) {
        MessageDigest projection = sha256();
        for (ProjectionDigest.Table table : TABLES) {
            BigInteger sum = BigInteger.ZERO;
            long count = 0;
            for (List<Object> row : jdbc.query("select * from " + table.name(), (rs, i) -> {
                List<Object> values = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    values.add(rs.getObject(c));
                }
                return values;
            })) {
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < row.size(); c++) {
                    text.append(c > 0 ? "\u001f" : "").append(row.get(c) == null ? "\u2400" : row.get(c).toString());
                }
                sum = sum.add(new BigInteger(1, sha256().digest(text.append('\n').toString().getBytes(StandardCharsets.UTF_8))));
                count++;
            }
            String hex = String.format("%064x", sum.mod(BigInteger.TWO.pow(256)));
            projection.update(("table " + table.name() + "\n" + count + " " + hex + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(projection.digest());
    }

    @Test
    void aDigestThatFailsSaysSoAndTheChecksumIsRefusedRatherThanMadeWithoutIt() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:digest-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", ""));
        ProjectionDigest.Part failed = ProjectionDigest.of("probe", jdbc, TABLES);
        assertThat(failed.sha256()).isNull();
        assertThat(failed.failure()).contains("digest_word");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectionDigest.combine(List.of(
                        new ProjectionDigest.Part("articles", "00"), failed)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("probe");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectionDigest.combine(List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSumOfRowHashesCarriesAcrossItsWordsAndWrapsAt2To256() {
        Random random = new Random(9);
        ProjectionDigest.RowSum sum = new ProjectionDigest.RowSum();
        BigInteger expected = BigInteger.ZERO;
        List<byte[]> hashes = new ArrayList<>();
        hashes.add(new byte[32]);
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        hashes.add(ones);
        hashes.add(ones);
        for (int i = 0; i < 2_000; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            if (i % 3 == 0) {
                java.util.Arrays.fill(hash, 8, 32, (byte) 0xFF);
            }
            hashes.add(hash);
        }
        ProjectionDigest.RowSum half = new ProjectionDigest.RowSum();
        for (int i = 0; i < hashes.size(); i++) {
            (i % 2 == 0 ? sum : half).add(hashes.get(i));
            expected = expected.add(new BigInteger(1, hashes.get(i)));
        }
        sum.plus(half);
        assertThat(sum.hex()).isEqualTo(String.format("%064x", expected.mod(BigInteger.TWO.pow(256))));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
