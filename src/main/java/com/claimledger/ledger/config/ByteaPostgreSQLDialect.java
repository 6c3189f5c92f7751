package com.claimledger.ledger.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;

/**
 * PostgreSQL with Axon's {@code @Lob} columns (payloads, metadata, tokens) as {@code bytea}: Hibernate 6 would use
 * large objects ({@code oid}), which keep the event store's bytes out of its table and need their own cleanup.
 * The columns are created as bytea by Flyway (db/migration/postgresql/V1__axon.sql); this binds them so.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    private static final InRowBytes BYTES = new InRowBytes("bytea");

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
