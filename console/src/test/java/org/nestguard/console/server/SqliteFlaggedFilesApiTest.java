package org.nestguard.console.server;

/** {@link FlaggedFilesApiTest} on the default SQLite store. */
class SqliteFlaggedFilesApiTest extends FlaggedFilesApiTest {
    @Override
    boolean postgres() {
        return false;
    }
}
