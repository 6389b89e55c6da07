package org.nestguard.console.server;

/** {@link ConsoleApiTest} on the default SQLite store. */
class SqliteConsoleApiTest extends ConsoleApiTest {
    @Override
    boolean postgres() {
        return false;
    }
}
