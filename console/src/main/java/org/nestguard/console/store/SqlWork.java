package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of store work on one connection; run inside a transaction it may be run again after a conflict. */
@FunctionalInterface
public interface SqlWork<T> {
    /** Does the work; must have no effect outside the connection, since a retry runs it again. */
    T run(Connection connection) throws SQLException;
}
