package org.nestguard.console.server;

/** {@link FlaggedFilesApiTest} on PostgreSQL at 127.0.0.1:5432 (skipped, saying so, where none is reachable). */
class PostgresFlaggedFilesApiTest extends FlaggedFilesApiTest {
    @Override
    boolean postgres() {
        return true;
    }
}
