package org.nestguard.console.server;

/** {@link ReportsPagesTest} on PostgreSQL at 127.0.0.1:5432 (skipped, saying so, where none is reachable). */
class PostgresReportsPagesTest extends ReportsPagesTest {
    @Override
    boolean postgres() {
        return true;
    }
}
