package com.claimledger.ledger.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.service.ServiceRegistry;

/**
 * H2 with Axon's {@code @Lob} columns (payloads, metadata, tokens) as {@code varbinary}, bound as bytes. As BLOBs, H2
 * kept each payload over 256 bytes in its LOB store, apart from the row, and copied every one a query returned to a
 * temporary LOB of the session (a write to its LOB maps per event read, and the copies held on the heap until
 * {@code LOB_TIMEOUT}); a replay of 10^6 entries read 10^6 of them (docs/benchmarks.md, twelfth round). As
 * varbinary the bytes are in the row the replay walks. The columns are made so by Flyway
 * (db/migration/h2/V23__event_store_varbinary.sql); PostgreSQL does the same with bytea ({@link ByteaPostgreSQLDialect}).
 */
public class VarbinaryH2Dialect extends H2Dialect {

    private static final InRowBytes BYTES = new InRowBytes("varbinary");

    @Override
    protected String columnType(int sqlTypeCode) {
        return BYTES.typeOf(sqlTypeCode, super::columnType);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return BYTES.typeOf(sqlTypeCode, super::castType);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        BYTES.bind(typeContributions);
    }
}
