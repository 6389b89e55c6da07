package org.nestguard.console.server;

/** {@link ReportsPagesTest} on the default SQLite store. */
class SqliteReportsPagesTest extends ReportsPagesTest {
    @Override
    boolean postgres() {
        return false;
    }
}
