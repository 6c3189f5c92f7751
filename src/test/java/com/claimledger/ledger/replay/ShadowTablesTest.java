package com.claimledger.ledger.replay;

import com.claimledger.ledger.projection.DerivedTable;
import com.claimledger.support.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The switch's first step: a projection table that already holds exactly its rebuilt shadow's rows — in whatever
 * order they were written — is recognised by its fingerprint and left alone; any difference (a row missing or extra,
 * a value changed by one character or one microsecond, a null for an empty text, text moved between columns) makes
 * the switch compare it row by row, after which it holds the shadow's rows. On H2 and on PostgreSQL, on the real
 * schema (the migrations).
 */
class ShadowTablesTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2015, 7, 22, 10, 0, 0, 123_456_000, ZoneOffset.UTC);

    @Test
    void onH2() {
        String url = "jdbc:h2:mem:shadow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        everyCase(new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")), false);
    }

    @Test
    void onPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("shadow_tables");
            Flyway.configure().dataSource(url, "ledger", "ledger")
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            everyCase(new JdbcTemplate(new DriverManagerDataSource(url, "ledger", "ledger")), true);
        }
    }

    private void everyCase(JdbcTemplate jdbc, boolean postgres) {
        aDerivedTableIsInLineExactlyWhenItHoldsTheRowsItDerives(jdbc);
        aDerivationAheadStandsInForTheShadowsOnlyWhereItsSourcesEqualThem(jdbc);
        theLiveSideScannedAheadStandsOnlyWhileNoProjectionsTokenMoves(jdbc);
        theSameRowsInAnotherOrderAreAlreadyIn(jdbc, postgres);
        theScansPartsAddUpToTheWholeScan(jdbc, postgres);
        aFailedPieceFailsTheChecks(jdbc);
        for (Consumer<NamedParameterJdbcTemplate> difference : List.<Consumer<NamedParameterJdbcTemplate>>of(
                db -> db.update("delete from public.claim_wording where claim_id = 'c-7' and revision = 1", Map.of()),
                db -> db.update("insert into public.claim_wording (claim_id, revision, statement, occurred_at, recorded_at)"
                        + " values ('c-stray', 0, 'Stray.', :t, :t)", new MapSqlParameterSource("t", T)),
                db -> db.update("update public.claim_wording set statement = 'Claim 3: Amirov was shot in the raiD.'"
                        + " where claim_id = 'c-3' and revision = 0", Map.of()),
                db -> db.update("update public.claim_wording set recorded_at = :t where claim_id = 'c-4' and revision = 1",
                        new MapSqlParameterSource("t", T.plusNanos(1_000))),
                db -> db.update("update public.claim_wording set reason = '' where claim_id = 'c-5' and revision = 0",
                        Map.of()),
                db -> db.update("update public.claim_wording set statement = 'Claim 6: Amirov was shot in the', quote ="
                        + " 'raid.he was among those shot' where claim_id = 'c-6' and revision = 0", Map.of()))) {
            aDifferenceIsSwitchedInRowByRow(jdbc, difference);
        }
    }

    /** Ten claims' wordings (two revisions each, some nulls), written in {@code order}. */
    private static void wordings(NamedParameterJdbcTemplate db, String schema, List<Integer> order) {
        for (int i : order) {
            for (int revision = 0; revision < 2; revision++) {
                db.update("insert into " + schema + ".claim_wording (claim_id, revision, statement, quote, reason,"
                                + " occurred_at, recorded_at) values (:id, :revision, :statement, :quote, :reason, :occurred, :recorded)",
                        new MapSqlParameterSource("id", "c-" + i).addValue("revision", revision)
                                .addValue("statement", "Claim " + i + ": Amirov was shot in the raid" + ".".repeat(revision + 1))
                                .addValue("quote", i % 2 == 0 ? "he was among those shot" : null)
                                .addValue("reason", revision == 0 ? null : "Amended.")
                                .addValue("occurred", T.plusDays(i)).addValue("recorded", T.plusSeconds(revision)));
            }
        }
    }

    private static void given(JdbcTemplate jdbc) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        jdbc.execute("delete from public.claim_wording");
        jdbc.execute("delete from replay.claim_wording");
        wordings(new NamedParameterJdbcTemplate(jdbc), "public", order);
        Collections.reverse(order);
        wordings(new NamedParameterJdbcTemplate(jdbc), "replay", order);
    }

    /**
     * A derived table standing for the word index: a row (claim, "r" + revision, narrative time) for each wording in
     * the sources' schema. The table in the default schema is in line when its fingerprint equals that of the rows
     * derived from the shadows — however its rows were written — and not when a row is missing, extra, or differs by a
     * microsecond.
     */
    private static void aDerivedTableIsInLineExactlyWhenItHoldsTheRowsItDerives(JdbcTemplate jdbc) {
        given(jdbc);
        DerivedTable words = new DerivedTable() {
            @Override
            public String table() {
                return "claim_word";
            }

            @Override
            public List<String> columns() {
                return List.of("claim_id", "word", "occurred_at");
            }

            @Override
            public List<String> sources() {
                return List.of("claim_wording");
            }

            @Override
            public void derive(String sources, Consumer<Object[]> rows) {
                jdbc.query("select claim_id, revision, occurred_at from " + sources + ".claim_wording", rs -> {
                    rows.accept(new Object[] {rs.getString(1), "r" + rs.getInt(2), rs.getObject(3)});
                });
            }

            @Override
            public void rederive() {
                throw new UnsupportedOperationException();
            }
        };
        jdbc.execute("delete from public.claim_word");
        jdbc.update("insert into public.claim_word (claim_id, word, occurred_at) select claim_id, 'r' || revision,"
                + " occurred_at from public.claim_wording order by claim_id desc, revision desc");
        ShadowTables shadow = ShadowTables.of(jdbc);
        assertThat(shadow.notInLine(List.of(words))).as("in line").isEmpty();
        for (int threads : List.of(1, 3)) {
            ShadowTables.Checked checked = shadow.check(Set.of("claim_word"), List.of(words), threads);
            assertThat(checked.stale()).as("in line, %s threads", threads).isEmpty();
            assertThat(checked.equal()).as("%s threads", threads).contains("claim_wording", "claim_view")
                    .hasSize(shadow.tables().size() - 1);
        }

        for (String damage : List.of("delete from public.claim_word where claim_id = 'c-4' and word = 'r1'",
                "insert into public.claim_word (claim_id, word, occurred_at) values ('c-4', 'r2', ?)",
                "update public.claim_word set occurred_at = ? where claim_id = 'c-4' and word = 'r0'")) {
            jdbc.execute("delete from public.claim_word");
            jdbc.update("insert into public.claim_word (claim_id, word, occurred_at) select claim_id, 'r' || revision,"
                    + " occurred_at from public.claim_wording");
            // c-4's narrative time is T + 4 days: the same a microsecond later
            jdbc.update(damage, damage.contains("?") ? new Object[] {T.plusDays(4).plusNanos(1_000)} : new Object[0]);
            assertThat(shadow.notInLine(List.of(words))).as(damage).containsExactly(words);
            assertThat(shadow.check(Set.of("claim_word"), List.of(words), 3).stale()).as(damage + ", 3 threads")
                    .containsExactly(words);
        }
        jdbc.execute("delete from public.claim_word");
    }

    /**
     * The word index's stand-in (a row a wording, from claim_wording), derived ahead from the live tables: taken in
     * place of the shadows' derivation when its source equals its shadow — the table in line, or damaged, is found so
     * without deriving from the shadows — and not when the source differs from its shadow (then the shadows decide,
     * whichever way the live rows point), nor when the derivation ahead failed. A derivation ahead still running when
     * the replay ends stops at its next row.
     */
    private static void aDerivationAheadStandsInForTheShadowsOnlyWhereItsSourcesEqualThem(JdbcTemplate jdbc) {
        given(jdbc);
        List<String> derivedFrom = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean failAhead = new java.util.concurrent.atomic.AtomicBoolean();
        DerivedTable words = new DerivedTable() {
            @Override
            public String table() {
                return "claim_word";
            }

            @Override
            public List<String> columns() {
                return List.of("claim_id", "word", "occurred_at");
            }

            @Override
            public List<String> sources() {
                return List.of("claim_wording");
            }

            @Override
            public void derive(String sources, Consumer<Object[]> rows) {
                derivedFrom.add(sources);
                if (failAhead.get() && sources.equals("public")) {
                    throw new IllegalStateException("no words ahead");
                }
                jdbc.query("select claim_id, revision, occurred_at from " + sources + ".claim_wording", rs -> {
                    rows.accept(new Object[] {rs.getString(1), "r" + rs.getInt(2), rs.getObject(3)});
                });
            }

            @Override
            public void rederive() {
                throw new UnsupportedOperationException();
            }
        };
        ShadowTables shadow = ShadowTables.of(jdbc);
        String inLineWithPublic = "insert into public.claim_word (claim_id, word, occurred_at) select claim_id,"
                + " 'r' || revision, occurred_at from public.claim_wording";
        String inLineWithReplay = inLineWithPublic.replace("from public.", "from replay.");
        String shadowDiffers = "update replay.claim_wording set occurred_at = occurred_at + interval '1' second"
                + " where claim_id = 'c-3'";
        String damage = "delete from public.claim_word where claim_id = 'c-4' and word = 'r1'";
        record Case(String name, String shadowChange, String index, String damage, boolean failing, boolean stale,
                    List<String> from) {
        }
        for (Case c : List.of(
                new Case("in line", null, inLineWithPublic, null, false, false, List.of("public")),
                new Case("damaged", null, inLineWithPublic, damage, false, true, List.of("public")),
                new Case("in line with the shadows, whose source differs from the live one", shadowDiffers,
                        inLineWithReplay, null, false, false, List.of("public", "replay")),
                new Case("in line with the live source only, which differs from its shadow", shadowDiffers,
                        inLineWithPublic, null, false, true, List.of("public", "replay")),
                new Case("damaged, the derivation ahead failed", null, inLineWithPublic, damage, true, true,
                        List.of("public", "replay")),
                new Case("in line, the derivation ahead failed", null, inLineWithPublic, null, true, false,
                        List.of("public", "replay")))) {
            given(jdbc);
            if (c.shadowChange() != null) {
                jdbc.update(c.shadowChange());
            }
            jdbc.execute("delete from public.claim_word");
            jdbc.update(c.index());
            if (c.damage() != null) {
                jdbc.update(c.damage());
            }
            derivedFrom.clear();
            failAhead.set(c.failing());
            ShadowTables.Checked checked;
            try (ShadowTables.Ahead ahead = shadow.deriveAhead(List.of(words))) {
                checked = shadow.check(Set.of("claim_word"), List.of(words), 2, ahead);
            }
            assertThat(checked.stale()).as(c.name()).isEqualTo(c.stale() ? List.of(words) : List.of());
            assertThat(derivedFrom).as(c.name() + ": derived from").isEqualTo(c.from());
        }

        DerivedTable endless = new DerivedTable() {
            @Override
            public String table() {
                return "claim_word";
            }

            @Override
            public List<String> columns() {
                return List.of("claim_id", "word", "occurred_at");
            }

            @Override
            public List<String> sources() {
                return List.of("claim_wording");
            }

            @Override
            public void derive(String sources, Consumer<Object[]> rows) {
                for (long n = 0; ; n++) {
                    rows.accept(new Object[] {"c-" + n, "w", T});
                }
            }

            @Override
            public void rederive() {
                throw new UnsupportedOperationException();
            }
        };
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            ShadowTables.Ahead ahead = shadow.deriveAhead(List.of(endless));
            Thread.sleep(50);
            ahead.close();
            assertThat(ahead.await(endless)).as("stopped: no fingerprint").isNull();
        });
        jdbc.execute("delete from public.claim_word");
    }

    /**
     * The live side of the checks scanned ahead, while the events are fed: the checks take it when no projection's
     * token has moved since it began. A live table changed without a token's move — which no projection's write does —
     * goes unseen then, which shows that the scan ran ahead; the same change with a token's move is found, the live
     * tables scanned again.
     */
    private static void theLiveSideScannedAheadStandsOnlyWhileNoProjectionsTokenMoves(JdbcTemplate jdbc) {
        ShadowTables shadow = ShadowTables.of(jdbc);
        String change = "delete from public.claim_wording where claim_id = 'c-7' and revision = 1";
        for (boolean tokenMoves : List.of(false, true)) {
            given(jdbc);
            jdbc.execute("delete from token_entry");
            jdbc.update("insert into token_entry (processor_name, segment, token, token_type, timestamp)"
                    + " values ('claims', 0, ?, 'token', 'then'), ('entities', 0, ?, 'token', 'then')",
                    new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
            ShadowTables.Checked checked;
            try (ShadowTables.Ahead ahead = shadow.ahead(List.of(), List.of("claims", "entities"), 2)) {
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
                    while (ahead.ranAhead() < ahead.scans()) {
                        Thread.sleep(10);
                    }
                });
                assertThat(ahead.scans()).as("pieces of every live table's scan").isGreaterThanOrEqualTo(shadow.tables().size());
                jdbc.update(change);
                if (tokenMoves) {
                    jdbc.update("update token_entry set token = ? where processor_name = 'claims'", new byte[] {1, 2, 4});
                }
                checked = shadow.check(Set.of("claim_word"), List.of(), 2, ahead);
            }
            if (tokenMoves) {
                assertThat(checked.equal()).as("a token moved: scanned again").doesNotContain("claim_wording")
                        .contains("claim_view");
            } else {
                assertThat(checked.equal()).as("no token moved: the scan ahead stands").contains("claim_wording", "claim_view");
            }
        }
        jdbc.execute("delete from token_entry");
        // with nothing scanned ahead yet, the checks scan the live tables themselves
        given(jdbc);
        jdbc.update(change);
        assertThat(shadow.check(Set.of("claim_word"), List.of(), 2, ShadowTables.Ahead.NONE).equal())
                .doesNotContain("claim_wording").contains("claim_view");
    }

    private static void theSameRowsInAnotherOrderAreAlreadyIn(JdbcTemplate jdbc, boolean postgres) {
        given(jdbc);
        ShadowTables shadow = ShadowTables.of(jdbc);
        List<String> columns = List.of("claim_id", "revision", "statement", "quote", "reason", "occurred_at", "recorded_at");
        // 20 rows read 3, 7 or all at a time (H2: pages by row key; PostgreSQL: a cursor's portions) add up the same.
        for (int page : List.of(3, 7, 20, 1_000)) {
            assertThat(TableFingerprint.of(jdbc, postgres, "public.claim_wording", columns, page))
                    .isEqualTo(TableFingerprint.of(jdbc, postgres, "replay.claim_wording", columns, 5))
                    .extracting(TableFingerprint::rows).isEqualTo(20L);
        }

        Set<String> equal = shadow.alreadyIn(Set.of("claim_word"));

        assertThat(equal).as("every table equal to its shadow (most of them both empty), the derived one left out")
                .contains("claim_wording", "claim_view", "entity_view").doesNotContain("claim_word")
                .hasSize(shadow.tables().size() - 1);
    }

    /**
     * A scan cut into spans of row keys (H2; PostgreSQL: one part, its cursor) adds up to the whole scan, however many
     * parts are asked for and whatever gaps deleted rows left between the keys.
     */
    private static void theScansPartsAddUpToTheWholeScan(JdbcTemplate jdbc, boolean postgres) {
        given(jdbc);
        jdbc.update("delete from public.claim_wording where claim_id in ('c-0', 'c-5') or (claim_id = 'c-9' and revision = 1)");
        List<String> columns = List.of("claim_id", "revision", "statement", "quote", "reason", "occurred_at", "recorded_at");
        TableFingerprint whole = TableFingerprint.of(jdbc, postgres, "public.claim_wording", columns, 1_000);
        assertThat(whole.rows()).isEqualTo(15L);
        for (int parts : List.of(1, 2, 3, 7, 100)) {
            for (int page : List.of(2, 1_000)) {
                List<java.util.concurrent.Callable<TableFingerprint>> scans = TableFingerprint.parts(jdbc, postgres,
                        "public.claim_wording", columns, parts, page);
                // H2: as many as asked, up to one a row key between the least and the greatest (17 or more here).
                assertThat(scans).as("parts").hasSize(postgres ? 1 : Math.min(parts, 17));
                TableFingerprint sum = new TableFingerprint(0, 0, 0);
                for (var scan : scans) {
                    try {
                        sum = sum.plus(scan.call());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                assertThat(sum).as("%s parts, %s rows a page", parts, page).isEqualTo(whole);
            }
        }
        jdbc.execute("delete from public.claim_wording");
        assertThat(TableFingerprint.parts(jdbc, postgres, "public.claim_wording", columns, 4))
                .as("an empty table").hasSize(1);
        assertThat(TableFingerprint.of(jdbc, postgres, "public.claim_wording", columns))
                .isEqualTo(new TableFingerprint(0, 0, 0));
    }

    /** A piece of the checks that fails fails them, after the pieces already running have ended. */
    private static void aFailedPieceFailsTheChecks(JdbcTemplate jdbc) {
        given(jdbc);
        DerivedTable broken = new DerivedTable() {
            @Override
            public String table() {
                return "claim_word";
            }

            @Override
            public List<String> columns() {
                return List.of("claim_id", "word", "occurred_at");
            }

            @Override
            public List<String> sources() {
                return List.of("claim_wording");
            }

            @Override
            public void derive(String sources, Consumer<Object[]> rows) {
                throw new IllegalStateException("no words today");
            }

            @Override
            public void rederive() {
                throw new UnsupportedOperationException();
            }
        };
        ShadowTables shadow = ShadowTables.of(jdbc);
        assertThatThrownBy(() -> shadow.check(Set.of("claim_word"), List.of(broken), 2))
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("no words today");
    }

    private static void aDifferenceIsSwitchedInRowByRow(JdbcTemplate jdbc, Consumer<NamedParameterJdbcTemplate> difference) {
        given(jdbc);
        difference.accept(new NamedParameterJdbcTemplate(jdbc));
        ShadowTables shadow = ShadowTables.of(jdbc);

        Set<String> equal = shadow.alreadyIn(Set.of("claim_word"));
        assertThat(equal).doesNotContain("claim_wording").contains("claim_view");
        Set<String> leave = new java.util.HashSet<>(equal);
        leave.add("claim_word");
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(status -> shadow.switchIn(leave));

        assertThat(shadow.alreadyIn(Set.of("claim_word"))).as("after the switch").contains("claim_wording");
        assertThat(jdbc.queryForList("select claim_id, revision, statement, quote, reason from public.claim_wording"
                + " order by claim_id, revision")).isEqualTo(jdbc.queryForList("select claim_id, revision, statement,"
                + " quote, reason from replay.claim_wording order by claim_id, revision")).hasSize(20);
    }

    @Test
    void aFingerprintIsNeverTakenInsideTheCallersTransaction() {
        String url = "jdbc:h2:mem:shadow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        jdbc.execute("create table t (id int primary key)");
        assertThatThrownBy(() -> new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(status -> TableFingerprint.of(jdbc, false, "t", List.of("id"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRowsHashTellsAValueFromAnyOtherSplitOrANullOrAnotherOrder() {
        java.time.OffsetDateTime time = java.time.OffsetDateTime.parse("2025-07-03T10:15:30.000001Z");
        List<List<Object>> rows = List.of(List.of("ab", "c"), List.of("a", "bc"), List.of("abc", ""),
                java.util.Arrays.asList("abc", null), java.util.Arrays.asList(null, "abc"), List.of("", "abc"),
                java.util.Arrays.asList("null", "abc"), java.util.Arrays.asList(null, null), List.of("", ""),
                List.of("c", "ab"), List.of(time, "x"), List.of(time.toString(), "x"),
                List.of(time.withOffsetSameInstant(java.time.ZoneOffset.ofHours(2)), "x"), List.of(7, "x"),
                List.of("7", "x"), List.of(7L, 8L), List.of(8L, 7L));
        Set<String> hashes = new java.util.HashSet<>();
        for (List<Object> row : rows) {
            TableFingerprint.Sum sum = new TableFingerprint.Sum();
            sum.add(row.toArray());
            hashes.add(sum.fingerprint().low() + "/" + sum.fingerprint().high());
        }
        // Integer 7 and the text "7" read alike (as the values' text), as they did when rows were hashed as text;
        // everything else differs.
        assertThat(hashes).hasSize(rows.size() - 1);
    }

    @Test
    void valuesSwappedBetweenRowsChangeTheSums() {
        TableFingerprint.Sum straight = new TableFingerprint.Sum();
        straight.add(new Object[] {"c-1", "amirov"});
        straight.add(new Object[] {"c-2", "gknb"});
        TableFingerprint.Sum swapped = new TableFingerprint.Sum();
        swapped.add(new Object[] {"c-1", "gknb"});
        swapped.add(new Object[] {"c-2", "amirov"});
        assertThat(straight.fingerprint()).isNotEqualTo(swapped.fingerprint());
        assertThat(straight.fingerprint().rows()).isEqualTo(swapped.fingerprint().rows());
    }

    /**
     * A sum of rows is the fingerprint's rule however the values come on the way — repeated or not, ASCII or not: the
     * count, and the sums of each row's two lanes, every value's MurmurHash3 (of its UTF-8 text, seed 0; a timestamp's
     * epoch second, nanosecond and offset, seed 1; a null a constant) chained column after column through fmix64.
     */
    @Test
    void aSumOfRowsIsTheRuleWhateverTheirValuesRepeat() {
        java.util.Random random = new java.util.Random(7);
        List<Object> values = java.util.Arrays.asList("amirov", "Амиров", "gknb", "ä", "", null, 42L, 7, "c-1",
                java.time.OffsetDateTime.parse("2025-07-03T10:15:30.000001Z"), "zürich 東京 \uD83D\uDE00", "a\uD800b");
        TableFingerprint.Sum sum = new TableFingerprint.Sum();
        long low = 0;
        long high = 0;
        int rows = 2_000;
        for (int n = 0; n < rows; n++) {
            Object[] row = new Object[3];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.get(random.nextInt(random.nextBoolean() ? 3 : values.size()));
            }
            sum.add(row);
            long rowLow = TableFingerprint.Sum.ROW_LOW;
            long rowHigh = TableFingerprint.Sum.ROW_HIGH;
            for (Object value : row) {
                long[] hash;
                if (value == null) {
                    hash = new long[] {TableFingerprint.Sum.NULL_LOW, TableFingerprint.Sum.NULL_HIGH};
                } else if (value instanceof java.time.OffsetDateTime time) {
                    byte[] fields = java.nio.ByteBuffer.allocate(16).putLong(time.toEpochSecond())
                            .putInt(time.getNano()).putInt(time.getOffset().getTotalSeconds()).array();
                    hash = org.apache.commons.codec.digest.MurmurHash3.hash128x64(fields, 0, 16, 1);
                } else {
                    byte[] text = value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    hash = org.apache.commons.codec.digest.MurmurHash3.hash128x64(text, 0, text.length, 0);
                }
                rowLow = TableFingerprint.Sum.fmix64(rowLow + hash[0]);
                rowHigh = TableFingerprint.Sum.fmix64(rowHigh + hash[1]);
            }
            low += rowLow;
            high += rowHigh;
        }
        assertThat(sum.fingerprint()).isEqualTo(new TableFingerprint(rows, low, high));
    }
}
