package com.claimledger.ledger.config;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import static org.springframework.jdbc.core.namedparam.SqlParameterSource.TYPE_UNKNOWN;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Spring's {@link NamedParameterJdbcTemplate} that substitutes a statement's named parameters once, not on every call:
 * the JDBC text ({@code :id} as {@code ?}) and its list of declared parameters are kept per statement, as long as the
 * call's values are single ones of no declared type. Spring builds both anew on every call (and the database then
 * hashes and compares the new text again to find its parsed statement); a replay of 10^6 entries makes some four million
 * such calls on the thread that feeds the handlers, where this was ~5% of its time (docs/benchmarks.md, nineteenth
 * round). A call with a collection ({@code in (:ids)}: one {@code ?} an element), an array, a
 * {@link SqlParameterValue} or a declared type, or one that adjusts the statement (generated keys), goes Spring's way
 * every time: its text or its parameters depend on the values. What is kept depends on the statement's text alone,
 * hence the same for every caller and thread.
 * <p>
 * A list whose every use in the statement is an {@code in (:name)} is padded to the next power of two by repeating its
 * last element ({@code in (?, ?, ?, ?)} for three ids: the same rows). Its JDBC text then takes one of a dozen forms
 * instead of one for every length, and H2 finds it parsed in the connection's statement cache: a subject's disputes,
 * asked with the ids of that subject's claims, had spent an eighth of their time parsing SQL at 10^6 entries
 * (docs/benchmarks.md, twentieth round).
 */
class SubstitutedStatements extends NamedParameterJdbcTemplate {

    /** Statements kept at most; past it the cache starts again (the ledger's statements are a few hundred). */
    static final int MOST = 2048;

    /** Lists longer than this are left as they are (a bound far below any database's number of parameters). */
    static final int MOST_PADDED = 1024;

    private final Map<String, Substituted> substituted = new ConcurrentHashMap<>();
    private final Map<String, ParsedSql> parsedStatements = new ConcurrentHashMap<>();
    /** Per statement text and list name: whether every use of the name is an {@code in (:name)}. */
    private final Map<String, Boolean> onlyInLists = new ConcurrentHashMap<>();

    SubstitutedStatements(JdbcOperations jdbc) {
        super(jdbc);
    }

    @Override
    protected PreparedStatementCreator getPreparedStatementCreator(String sql, SqlParameterSource parameters,
                                                                   Consumer<PreparedStatementCreatorFactory> customizer) {
        if (customizer != null) {
            return super.getPreparedStatementCreator(sql, parameters, customizer);
        }
        if (!singleValues(parameters)) {
            return super.getPreparedStatementCreator(sql, padded(sql, parameters), null);
        }
        Substituted kept = substituted.get(sql);
        if (kept == null) {
            if (substituted.size() >= MOST) {
                substituted.clear();
            }
            ParsedSql parsed = getParsedSql(sql);
            kept = new Substituted(parsed, getPreparedStatementCreatorFactory(parsed, parameters));
            substituted.put(sql, kept);
        }
        return kept.factory().newPreparedStatementCreator(
                NamedParameterUtils.buildValueArray(kept.parsed(), parameters, null));
    }

    /** A statement's parsed form and its substitution, kept together: one lookup finds both. */
    private record Substituted(ParsedSql parsed, PreparedStatementCreatorFactory factory) {
    }

    /**
     * The statement's parsed form, kept in a plain concurrent map (as many statements as {@link #MOST}). Spring keeps
     * it in a {@code ConcurrentLruCache}, which records every read for its LRU order in buffers drained under a lock:
     * asked on every call, 3-4.5% of a claim's read through the query bus (docs/benchmarks.md, thirty-fourth round).
     * A statement with a list ({@code in (:ids)}) still asks for it on every call.
     */
    @Override
    protected ParsedSql getParsedSql(String sql) {
        ParsedSql parsed = parsedStatements.get(sql);
        if (parsed == null) {
            if (parsedStatements.size() >= MOST) {
                parsedStatements.clear();
            }
            parsed = parse(sql);
            parsedStatements.put(sql, parsed);
        }
        return parsed;
    }

    /** Parses a statement not kept yet (a seam for tests). */
    ParsedSql parse(String sql) {
        return NamedParameterUtils.parseSqlStatement(sql);
    }

    /**
     * Every value given stands for one {@code ?} and has no declared type: then Spring's substitution and declared
     * parameters are the same for every call of a statement with them. (All the values given are looked at, also any
     * the statement does not name: Spring keeps which names a statement has to itself.)
     */
    static boolean singleValues(SqlParameterSource parameters) {
        if (parameters instanceof MapSqlParameterSource map) {
            for (Map.Entry<String, Object> value : map.getValues().entrySet()) {
                if (!single(value.getValue()) || !untyped(map, value.getKey())) {
                    return false;
                }
            }
            return true;
        }
        String[] names = parameters.getParameterNames();
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (!single(parameters.getValue(name)) || !untyped(parameters, name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parameters with each list used only as {@code in (:name)} padded to the next power of two by its last
     * element; the parameters themselves when no list needs it (or they are not a map of values).
     */
    SqlParameterSource padded(String sql, SqlParameterSource parameters) {
        if (!(parameters instanceof MapSqlParameterSource map)) {
            return parameters;
        }
        MapSqlParameterSource padded = null;
        for (Map.Entry<String, Object> value : map.getValues().entrySet()) {
            if (!(value.getValue() instanceof Collection<?> list) || list.size() < 3 || list.size() > MOST_PADDED
                    || Integer.bitCount(list.size()) == 1 || !onlyInList(sql, value.getKey())) {
                continue;
            }
            List<Object> longer = new ArrayList<>(list);
            Object last = longer.get(longer.size() - 1);
            while (Integer.bitCount(longer.size()) != 1) {
                longer.add(last);
            }
            if (padded == null) {
                padded = new MapSqlParameterSource(map.getValues());
                for (String name : map.getParameterNames()) {
                    if (map.getSqlType(name) != TYPE_UNKNOWN) {
                        padded.registerSqlType(name, map.getSqlType(name));
                    }
                    if (map.getTypeName(name) != null) {
                        padded.registerTypeName(name, map.getTypeName(name));
                    }
                }
            }
            padded.addValue(value.getKey(), longer);
        }
        return padded == null ? parameters : padded;
    }

    /** Whether the statement names the parameter, and only as the whole of an {@code in (…)} list. */
    private boolean onlyInList(String sql, String name) {
        if (onlyInLists.size() >= MOST) {
            onlyInLists.clear();
        }
        return onlyInLists.computeIfAbsent(sql + '\u0000' + name, key -> {
            String quoted = Pattern.quote(name);
            long uses = Pattern.compile("(?<![:\\w]):" + quoted + "(?!\\w)").matcher(sql).results().count();
            long inLists = Pattern.compile("(?i)\\bin\\s*\\(\\s*:" + quoted + "\\s*\\)").matcher(sql).results().count();
            return uses > 0 && uses == inLists;
        });
    }

    private static boolean single(Object value) {
        return !(value instanceof Iterable<?> || value instanceof Object[] || value instanceof SqlParameterValue);
    }

    private static boolean untyped(SqlParameterSource parameters, String name) {
        return parameters.getSqlType(name) == SqlParameterSource.TYPE_UNKNOWN && parameters.getTypeName(name) == null;
    }

    /** The statements whose substitution is kept (for tests). */
    int kept() {
        return substituted.size();
    }
}
