package com.claimledger.ledger.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

import java.sql.Types;
import java.util.function.IntFunction;

/**
 * Axon's {@code @Lob} columns (payloads, metadata, tokens) as a database's in-row byte type, bound as bytes: the one
 * rule both of the ledger's dialects apply ({@link VarbinaryH2Dialect}, {@link ByteaPostgreSQLDialect}).
 *
 * @param type the database's name of the type, as Flyway's migrations create the columns
 */
record InRowBytes(String type) {

    /** The type for a column of {@code sqlTypeCode}: this one for a BLOB, the dialect's own for the rest. */
    String typeOf(int sqlTypeCode, IntFunction<String> dialectsOwn) {
        return sqlTypeCode == SqlTypes.BLOB ? type : dialectsOwn.apply(sqlTypeCode);
    }

    /** Binds and reads BLOB-typed attributes with {@code setBytes}/{@code getBytes}. */
    void bind(TypeContributions typeContributions) {
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
