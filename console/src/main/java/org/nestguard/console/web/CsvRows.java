package org.nestguard.console.web;

import java.util.List;

/**
 * Rows of a CSV download (RFC 4180, CRLF). Names, hosts and URLs come from devices, so a cell a spreadsheet would
 * take for a formula (starting =, +, -, @, tab or carriage return) gets a leading apostrophe before it is quoted.
 */
public final class CsvRows {
    private final StringBuilder text = new StringBuilder();

    /** Adds one row of cells; a null cell is empty. */
    public CsvRows row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    /** One cell as written: defused, then quoted when it holds a comma, quote or line break. */
    public static String cell(String value) {
        String cell = value == null ? "" : value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            cell = "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
