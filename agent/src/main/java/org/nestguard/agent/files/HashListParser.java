package org.nestguard.agent.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the hash lists police and filtering providers supply: plain hex (one hash a line, {@code #} comments,
 * optionally followed by a file name as {@code sha256sum} prints it) or CSV with a header naming a hash column.
 * The digest type comes from the length (64 hex characters SHA-256, 40 SHA-1, 32 MD5). The first malformed entry
 * stops the import with its line number: a list read in part would miss hashes without anyone knowing.
 */
public final class HashListParser {
    private static final HexFormat HEX = HexFormat.of();
    private static final int SHOWN = 80;

    /** The digests read, by length, and a sentence on how the file was read. */
    public record Parsed(List<byte[]> sha256, List<byte[]> sha1, List<byte[]> md5, String howRead) {
        public int size() {
            return sha256.size() + sha1.size() + md5.size();
        }
    }

    private HashListParser() {
    }

    /**
     * Reads a list.
     *
     * @param source how the file is named in errors
     * @param column the CSV column to use when the header names several hash columns, else null
     */
    public static Parsed parse(BufferedReader reader, String source, String column)
            throws IOException, HashListException {
        List<byte[]> sha256 = new ArrayList<>();
        List<byte[]> sha1 = new ArrayList<>();
        List<byte[]> md5 = new ArrayList<>();
        String line;
        int number = 0;
        Csv csv = null;
        boolean plain = false;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (csv == null && !plain) {
                if (isPlainEntry(trimmed)) {
                    plain = true;
                } else if (delimiterOf(trimmed) != 0) {
                    csv = Csv.fromHeader(trimmed, source, number, column);
                    continue;
                } else {
                    throw new HashListException(source + " line " + number + ": '" + shown(trimmed) + "' is neither "
                            + "a hash (64, 40 or 32 hex characters) nor a CSV header; give a plain list with one hash "
                            + "a line, or a CSV whose header names a column sha256, sha1, md5 or hash");
                }
            }
            String hex;
            String expected;
            if (csv != null) {
                hex = csv.cell(trimmed, source, number);
                expected = csv.expectedLength == 0 ? "a SHA-256, SHA-1 or MD5 hash (64, 40 or 32 hex characters)"
                        : "a " + csv.name + " hash of " + csv.expectedLength + " hex characters";
                if (csv.expectedLength != 0 && hex.length() != csv.expectedLength && isHex(hex)) {
                    throw malformed(source, number, hex, csv.header + " column: expected " + expected);
                }
            } else {
                hex = trimmed.split("\\s+", 2)[0];
                expected = "a SHA-256, SHA-1 or MD5 hash (64, 40 or 32 hex characters), optionally followed by a "
                        + "space and a file name";
            }
            if (!isHex(hex) || (hex.length() != 64 && hex.length() != 40 && hex.length() != 32)) {
                throw malformed(source, number, hex, "expected " + expected);
            }
            byte[] digest = HEX.parseHex(hex.toLowerCase(Locale.ROOT));
            switch (digest.length) {
                case 32 -> sha256.add(digest);
                case 20 -> sha1.add(digest);
                default -> md5.add(digest);
            }
        }
        if (sha256.isEmpty() && sha1.isEmpty() && md5.isEmpty()) {
            throw new HashListException(source + " holds no hashes" + (csv != null ? " under its " + csv.header
                    + " column" : "") + "; check that it is the right file");
        }
        String how = csv != null ? "CSV, column '" + csv.header + "' (column " + (csv.index + 1) + ")"
                : "plain list, one hash a line";
        return new Parsed(sha256, sha1, md5, how);
    }

    private static HashListException malformed(String source, int line, String entry, String expected) {
        return new HashListException(source + " line " + line + ": '" + shown(entry) + "' is not a valid hash ("
                + expected + "); the list was not imported. Correct or remove that line and import again");
    }

    private static boolean isPlainEntry(String line) {
        String first = line.split("\\s+", 2)[0];
        return isHex(first) && (first.length() == 64 || first.length() == 40 || first.length() == 32);
    }

    static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static char delimiterOf(String header) {
        char best = 0;
        int most = 0;
        for (char c : new char[] {',', ';', '\t'}) {
            int n = (int) header.chars().filter(ch -> ch == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }

    /** The CSV column holding the hashes, found from the header. */
    private static final class Csv {
        private static final Map<String, String> HASH_COLUMNS = hashColumns();
        final char delimiter;
        final int index;
        final String header;
        final String name;
        final int expectedLength;

        private Csv(char delimiter, int index, String header, String name) {
            this.delimiter = delimiter;
            this.index = index;
            this.header = header;
            this.name = name;
            this.expectedLength = switch (name) {
                case "SHA-256" -> 64;
                case "SHA-1" -> 40;
                case "MD5" -> 32;
                default -> 0;
            };
        }

        static Csv fromHeader(String line, String source, int number, String wanted) throws HashListException {
            char delimiter = delimiterOf(line);
            List<String> cells = split(line, delimiter);
            Map<Integer, String> hashColumns = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String key = normalise(cells.get(i));
                if (wanted != null ? key.equals(normalise(wanted)) : HASH_COLUMNS.containsKey(key)) {
                    hashColumns.put(i, HASH_COLUMNS.getOrDefault(key, "hash"));
                }
            }
            if (wanted != null && hashColumns.isEmpty()) {
                throw new HashListException(source + " line " + number + ": the header " + cells + " has no column '"
                        + wanted + "'");
            }
            if (hashColumns.isEmpty()) {
                throw new HashListException(source + " line " + number + ": the CSV header " + cells + " names no "
                        + "hash column; name one sha256, sha1, md5 or hash (or give --column NAME)");
            }
            if (hashColumns.size() > 1) {
                List<String> names = hashColumns.keySet().stream().map(cells::get).toList();
                throw new HashListException(source + " line " + number + ": the CSV header has several hash columns "
                        + names + "; say which to import with --column NAME (import the list once per column "
                        + "under different names to use more than one)");
            }
            int index = hashColumns.keySet().iterator().next();
            return new Csv(delimiter, index, cells.get(index).strip(), hashColumns.get(index));
        }

        String cell(String line, String source, int number) throws HashListException {
            List<String> cells = split(line, delimiter);
            if (cells.size() <= index) {
                throw new HashListException(source + " line " + number + ": the row has " + cells.size()
                        + " columns, so no '" + header + "' (column " + (index + 1) + "); the list was not imported. "
                        + "Correct or remove that line and import again");
            }
            return cells.get(index).strip();
        }

        private static String normalise(String cell) {
            return cell.strip().replace("\"", "").replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        }

        // Quotes may surround a cell and double inside it, as RFC 4180 has it.
        private static List<String> split(String line, char delimiter) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == delimiter && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }

        private static Map<String, String> hashColumns() {
            Map<String, String> map = new java.util.HashMap<>();
            for (String n : List.of("sha256", "sha256hash", "sha256sum", "filesha256")) {
                map.put(n, "SHA-256");
            }
            for (String n : List.of("sha1", "sha1hash", "sha1sum", "filesha1")) {
                map.put(n, "SHA-1");
            }
            for (String n : List.of("md5", "md5hash", "md5sum", "filemd5")) {
                map.put(n, "MD5");
            }
            for (String n : List.of("hash", "hashvalue", "digest", "filehash")) {
                map.put(n, "hash");
            }
            return map;
        }
    }
}
