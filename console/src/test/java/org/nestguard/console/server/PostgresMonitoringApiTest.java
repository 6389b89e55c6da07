package org.nestguard.console.server;

/** {@link MonitoringApiTest} on PostgreSQL at 127.0.0.1:5432 (skipped, saying so, where none is reachable). */
class PostgresMonitoringApiTest extends MonitoringApiTest {
    @Override
    boolean postgres() {
        return true;
    }
}
