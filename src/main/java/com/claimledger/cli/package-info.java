/**
 * The jar's command line: {@code import}, {@code export}, {@code verify} and {@code bench}, each run and exited
 * (with no command the jar starts the ledger server). {@code import} and {@code export} are clients of the REST API
 * only, as any script would be; exit codes are in {@link com.claimledger.cli.ExitCodes}.
 */
@ApplicationModule(displayName = "Command line")
package com.claimledger.cli;

import org.springframework.modulith.ApplicationModule;
