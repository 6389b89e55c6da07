package org.nestguard.agent.history;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads the text columns of one history database: a value's bytes are fetched in the database's own encoding and
 * decoded here, cut to a limit ({@link TextCut}). That gives the same string as {@code getString} at two thirds of
 * the cost (sqlite-jdbc wraps each text value in a new direct buffer first, and a catch-up reads three text columns
 * a visit), and a value of megabytes is never decoded whole.
 */
final class ColumnText {
    private final Charset charset;

    private ColumnText(Charset charset) {
        this.charset = charset;
    }

    /** The way to read {@code db}'s text, by its encoding. */
    static ColumnText of(Connection db) throws SQLException {
        try (Statement pragma = db.createStatement(); ResultSet row = pragma.executeQuery("PRAGMA encoding")) {
            String encoding = row.next() ? row.getString(1) : "UTF-8";
            return new ColumnText(switch (encoding.toUpperCase(java.util.Locale.ROOT)) {
                case "UTF-16LE" -> StandardCharsets.UTF_16LE;
                case "UTF-16BE" -> StandardCharsets.UTF_16BE;
                default -> StandardCharsets.UTF_8;
            });
        }
    }

    /**
     * The text in {@code column} of the current row, cut to {@code max} characters; null when the value is NULL, as
     * {@code getString} says.
     */
    String text(ResultSet row, int column, int max) throws SQLException {
        byte[] bytes = row.getBytes(column); // null only for NULL; an empty text is an empty array
        return bytes == null ? null : TextCut.decode(bytes, charset, max);
    }
}
