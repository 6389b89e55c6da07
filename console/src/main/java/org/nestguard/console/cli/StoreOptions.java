package org.nestguard.console.cli;

import java.nio.file.Path;
import org.nestguard.console.store.Database;
import picocli.CommandLine.Option;

/** Where the console keeps its data: every subcommand takes the same two options so they all find one store. */
public final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "nestguard-data",
            description = "the console's data folder: CA, and the SQLite store unless --db is given (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "a PostgreSQL database instead of SQLite, e.g. jdbc:postgresql://host/db?user=u")
    String jdbcUrl;

    /** Opens (and migrates) the store these options name. */
    Database open() {
        return Database.open(jdbcUrl, dataDir);
    }
}
