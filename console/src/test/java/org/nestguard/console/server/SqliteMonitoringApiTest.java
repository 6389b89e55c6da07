package org.nestguard.console.server;

/** {@link MonitoringApiTest} on the default SQLite store. */
class SqliteMonitoringApiTest extends MonitoringApiTest {
    @Override
    boolean postgres() {
        return false;
    }
}
