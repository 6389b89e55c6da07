package org.nestguard.agent.history;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns an SQLite error met while reading a copied history database into a message people can act on. */
final class SqliteProblem {
    private SqliteProblem() {
    }

    static HistoryFormatException describe(String format, SQLException e) {
        int primary = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xFF : e.getErrorCode();
        String sqliteSays = " (SQLite: " + firstLine(e.getMessage()) + ")";
        if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return new HistoryFormatException("the file is not an SQLite database at all (damaged, encrypted or "
                    + "another kind of file), so it is not " + format + sqliteSays, e);
        }
        if (primary == SQLiteErrorCode.SQLITE_TOOBIG.code) {
            return new HistoryFormatException("it holds a value longer than " + (ConsistentCopy.MAX_VALUE_BYTES >> 20)
                    + " MiB, which no browser writes (Chromium's longest URL is 2 MiB): the file was altered or"
                    + " damaged" + sqliteSays, e);
        }
        if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new HistoryFormatException("the database is corrupt or cut short (truncated)" + sqliteSays, e);
        }
        return new HistoryFormatException("SQLite could not read it as " + format + sqliteSays, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
