/**
 * The benchmark harness of issue 9: {@code bench --claims N} starts the application in-process on a fresh data
 * directory and measures ingest, single writes, reads, replay and start-up next to the limits of the same machine
 * (raw JDBC, raw event reads, the HTTP stack's no-op ceiling) and Axon's default processor settings, in one run.
 */
@ApplicationModule(displayName = "Bench")
package com.claimledger.bench;

import org.springframework.modulith.ApplicationModule;
