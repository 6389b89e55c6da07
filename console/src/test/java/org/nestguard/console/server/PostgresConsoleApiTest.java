package org.nestguard.console.server;

/** {@link ConsoleApiTest} on PostgreSQL at 127.0.0.1:5432 (skipped, saying so, where none is reachable). */
class PostgresConsoleApiTest extends ConsoleApiTest {
    @Override
    boolean postgres() {
        return true;
    }
}
