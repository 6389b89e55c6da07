package org.nestguard.console.store;

import java.sql.SQLException;

/** Which database the console store runs on, and which of its errors mean "try the transaction again". */
public enum Dialect {
    SQLITE {
        @Override
        boolean isRetryable(SQLException e) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the database past busy_timeout
            int code = e.getErrorCode() & 0xff;
            return code == 5 || code == 6;
        }
    },
    POSTGRESQL {
        @Override
        boolean isRetryable(SQLException e) {
            // serialization_failure and deadlock_detected: PostgreSQL rolled us back so another could go on
            return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        }
    };

    /** True when the whole transaction may succeed if simply run again. */
    abstract boolean isRetryable(SQLException e);

    /** The dialect a JDBC URL names; the URL itself is never echoed because it may carry a password. */
    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("The database URL is neither SQLite nor PostgreSQL: give "
                + "jdbc:postgresql://HOST:PORT/DATABASE, or leave --db out to use SQLite in the data folder");
    }
}
