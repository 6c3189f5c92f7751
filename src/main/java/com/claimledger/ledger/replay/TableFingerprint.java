package com.claimledger.ledger.replay;

import com.claimledger.ledger.projection.TableScan;
import org.apache.commons.codec.digest.MurmurHash3;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a table holds, independent of the order a scan meets its rows in: the number of rows and the sums (modulo
 * 2^64) of the two halves of each row's 128-bit hash, made from its values' MurmurHash3s column after column ({@link
 * Sum}). A replay's switch compares a projection table's
 * fingerprint with its rebuilt shadow's and leaves the table alone when they are equal — the usual case, a replay
 * reproducing the rows it finds. A fingerprint costs one sequential scan of the table, where comparing the two tables
 * by primary key costs an index lookup and a row fetch on the other side for every row of each (at 10^6 ledger entries
 * the switch's two anti-joins took about 50 s, ninth round in docs/benchmarks.md). Unequal tables with equal
 * fingerprints would need two 64-bit sums to agree by chance; the switch then compares them row by row anyway, so a
 * fingerprint only ever spares work, and values that compare equal in SQL but read differently (a timestamp's offset)
 * only cost the row-by-row comparison.
 *
 * <p>The scan is a {@link TableScan}: in portions, in parts that may run at once, on connections of their own.
 */
record TableFingerprint(long rows, long low, long high) {

    /**
     * Rows a page on H2 (under {@code h2.maxMemoryRows}, 20,000 with -Xmx512m). A page being read lives through the
     * young collections that come meanwhile, two to three a second during a replay; 1,000 rows, not 5,000, made those of
     * a replay of 10^6 entries stop the node some 0.6 s less in all (thirty-eighth round in docs/benchmarks.md).
     */
    private static final int PAGE = 1_000;

    static TableFingerprint of(JdbcTemplate jdbc, boolean postgres, String qualifiedTable, List<String> columns) {
        return of(jdbc, postgres, qualifiedTable, columns, PAGE);
    }

    /** With {@code pageRows} rows a page (a cursor's fetch size on PostgreSQL). */
    static TableFingerprint of(JdbcTemplate jdbc, boolean postgres, String qualifiedTable, List<String> columns,
                               int pageRows) {
        TableFingerprint sum = new TableFingerprint(0, 0, 0);
        for (Callable<TableFingerprint> part : parts(jdbc, postgres, qualifiedTable, columns, 1, pageRows)) {
            try {
                sum = sum.plus(part.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    /** The fingerprint of the rows of two tables, or of two parts of one: the counts and sums added. */
    TableFingerprint plus(TableFingerprint other) {
        return new TableFingerprint(rows + other.rows, low + other.low, high + other.high);
    }

    /**
     * The scan of a table in about {@code parts} parts that may run at once ({@link TableScan#parts}), whose
     * fingerprints add up ({@link #plus}) to the table's (at 10^6 ledger entries the word index's scan, 28 M rows, was
     * one piece of 22–26 s and ran alone for its last 5 s; sixteenth round in docs/benchmarks.md). Nothing may write
     * the table until the parts have run.
     */
    static List<Callable<TableFingerprint>> parts(JdbcTemplate jdbc, boolean postgres, String qualifiedTable,
                                                 List<String> columns, int parts) {
        return parts(jdbc, postgres, qualifiedTable, columns, parts, PAGE);
    }

    static List<Callable<TableFingerprint>> parts(JdbcTemplate jdbc, boolean postgres, String qualifiedTable,
                                                 List<String> columns, int parts, int pageRows) {
        return TableScan.parts(jdbc, postgres, qualifiedTable, columns, parts, pageRows, Sum::new);
    }

    /**
     * The running count and sums of a scan, or of rows given one by one (a {@link
     * com.claimledger.ledger.projection.DerivedTable}'s): the same row read or given adds the same. A row's hash is
     * made from its values' hashes ({@link Encoder#hash}), chained column after column through MurmurHash3's 64-bit
     * finaliser in two lanes, one a half of the values' 128-bit hashes: position-dependent and not linear, so that
     * values swapped between rows or columns change the sums. Consecutive rows often repeat a column's value (a claim's
     * words share its id and time): its hash is then reused, not made again — a value is hashed once, not every row it
     * is in as part of the whole row's text (at 10^6 entries the rows' encoding and hash were a third of the checks
     * before a replay's switch; seventeenth round in docs/benchmarks.md).
     */
    static final class Sum implements TableScan.Rows<TableFingerprint> {
        /** The lanes' start, and a null's hash: constants of no meaning (the digits of pi and e). */
        static final long ROW_LOW = 0x243F6A8885A308D3L;
        static final long ROW_HIGH = 0xB7E151628AED2A6AL;
        static final long NULL_LOW = 0x13198A2E03707344L;
        static final long NULL_HIGH = 0xBF7158809CF4F3C7L;

        private final Encoder encoder = new Encoder();
        private Object[] previous = new Object[0];
        private long[] previousLow = new long[0];
        private long[] previousHigh = new long[0];
        private long rowLow;
        private long rowHigh;
        private long count;
        private long low;
        private long high;

        /** Adds the row at the result's cursor: {@code columns} columns from the {@code first}. */
        @Override
        public void add(ResultSet rows, int first, int columns) throws SQLException {
            begin(columns);
            for (int i = 0; i < columns; i++) {
                column(i, rows.getObject(first + i));
            }
            end();
        }

        /** Adds a row given as its columns' values. */
        void add(Object[] values) {
            begin(values.length);
            for (int i = 0; i < values.length; i++) {
                column(i, values[i]);
            }
            end();
        }

        private void begin(int columns) {
            if (previous.length != columns) {
                previous = new Object[columns];
                previousLow = new long[columns];
                previousHigh = new long[columns];
            }
            rowLow = ROW_LOW;
            rowHigh = ROW_HIGH;
        }

        private void column(int i, Object value) {
            if (value == null) {
                chain(NULL_LOW, NULL_HIGH);
            } else if (value instanceof byte[]) {
                long[] hash = encoder.hash(value);
                chain(hash[0], hash[1]);
            } else {
                if (!value.equals(previous[i])) {
                    long[] hash = encoder.hash(value);
                    previous[i] = value;
                    previousLow[i] = hash[0];
                    previousHigh[i] = hash[1];
                }
                chain(previousLow[i], previousHigh[i]);
            }
        }

        private void chain(long valueLow, long valueHigh) {
            rowLow = fmix64(rowLow + valueLow);
            rowHigh = fmix64(rowHigh + valueHigh);
        }

        private void end() {
            low += rowLow;
            high += rowHigh;
            count++;
        }

        TableFingerprint fingerprint() {
            return new TableFingerprint(count, low, high);
        }

        @Override
        public TableFingerprint result() {
            return fingerprint();
        }

        /** MurmurHash3's finaliser: a bijection of 64 bits in which every bit of the input moves every bit of the output. */
        static long fmix64(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }
    }

    /**
     * A value's 128-bit MurmurHash3: a timestamp with its offset ({@link OffsetDateTime})
     * over its epoch second, nanosecond and offset in seconds (seed 1), anything else over its text's UTF-8 bytes, and
     * bytes over themselves (seed 0). Two values that are equal ({@link Object#equals}) hash alike, and a timestamp's
     * hash is made without its text ({@code OffsetDateTime.toString} was a tenth of a fingerprint's scan).
     */
    static final class Encoder {

        /** A timestamp's 16 bytes, made in one reused buffer. */
        private byte[] bytes = new byte[16];
        private int length;

        long[] hash(Object value) {
            length = 0;
            if (value instanceof OffsetDateTime time) {
                putLong(time.toEpochSecond());
                putLong(((long) time.getNano() << 32) | (time.getOffset().getTotalSeconds() & 0xFFFFFFFFL));
                return MurmurHash3.hash128x64(bytes, 0, length, 1);
            }
            if (value instanceof byte[] raw) {
                return MurmurHash3.hash128x64(raw, 0, raw.length, 0);
            }
            // String#getBytes copies an ASCII text's bytes as they are, in one vectorised pass (the JDK keeps such a text
            // as its Latin-1 bytes): a tenth of a fingerprint's scan went to writing them here character by character.
            byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
            return MurmurHash3.hash128x64(text, 0, text.length, 0);
        }

        private void putLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >>> shift);
            }
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
