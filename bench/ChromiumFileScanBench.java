import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast a JVM can read the Chromium reader's join with no SQLite at all: the table and index B-trees of the
 * History file walked in Java (SQLite file format 3), with the reader's filters and join, each row's six values made
 * into longs and strings, and nothing else done. This is a bound, not a reader: it is what any reader in the agent's
 * JVM pays before it makes a visit, whatever the driver. It is not used by the agent and reads only what the catch-up
 * benchmark's file holds: a rowid table for visits and urls, an index on keyword_search_terms(url_id), UTF-8 text,
 * no visit_source table and no payload spilling onto overflow pages (it stops, naming what it met, otherwise).
 *
 * <p>Usage: {@code ChromiumFileScanBench HISTORY} prints the rows, the fastest of 3 runs, and a checksum of the
 * values, the same sum {@code HistoryCatchUpBench jdbc} prints for the reader's query on the same file, so the two
 * are seen to read the same rows.
 */
public final class ChromiumFileScanBench {
    private static final int TABLE_INTERIOR = 0x05;
    private static final int TABLE_LEAF = 0x0d;
    private static final int INDEX_INTERIOR = 0x02;
    private static final int INDEX_LEAF = 0x0a;

    public static void main(String[] args) throws Exception {
        Path history = Path.of(args[0]);
        Layout layout = Layout.of(history);
        long best = Long.MAX_VALUE;
        long[] result = null;
        for (int run = 0; run < 3; run++) {
            long t = System.nanoTime();
            result = scan(history, layout);
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("file scan (no SQLite): %d rows, fastest of 3 runs %.2f s, %.0f rows/s%n", result[0],
                best / 1e9, result[0] / (best / 1e9));
        System.out.printf("scan checksum: %d%n", result[1]);
        System.out.printf("scan seconds: %.3f%n", best / 1e9);
    }

    /** Where the tables are and which field of a record holds each column, read once through SQLite. */
    record Layout(int visitsRoot, int urlsRoot, int termsRoot, int termsIndexRoot, int visitUrl, int visitTime,
                  int visitTransition, int visitOriginator, int urlUrl, int urlTitle, int termTerm) {
        static Layout of(Path history) throws Exception {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
                if (!fields(db, "visit_source").isEmpty()) {
                    throw new IllegalStateException("this scan does not read visit_source; the benchmark's file has none");
                }
                try (ResultSet row = db.createStatement().executeQuery("PRAGMA encoding")) {
                    if (!row.getString(1).equals("UTF-8")) {
                        throw new IllegalStateException("this scan reads UTF-8 files only");
                    }
                }
                List<String> visits = fields(db, "visits");
                List<String> urls = fields(db, "urls");
                List<String> terms = fields(db, "keyword_search_terms");
                return new Layout(root(db, "visits"), root(db, "urls"), root(db, "keyword_search_terms"),
                        urlIdIndexRoot(db), visits.indexOf("url"), visits.indexOf("visit_time"),
                        visits.indexOf("transition"), visits.indexOf("originator_cache_guid"), urls.indexOf("url"),
                        urls.indexOf("title"), terms.indexOf("term"));
            }
        }

        private static List<String> fields(Connection db, String table) throws Exception {
            List<String> names = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
                q.setString(1, table);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            return names;
        }

        private static int root(Connection db, String table) throws Exception {
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                q.setString(1, table);
                try (ResultSet row = q.executeQuery()) {
                    return row.getInt(1);
                }
            }
        }

        /** An index whose first column is url_id, as Chromium's keyword_search_terms_index2. */
        private static int urlIdIndexRoot(Connection db) throws Exception {
            try (ResultSet row = db.createStatement().executeQuery("SELECT m.rootpage FROM sqlite_master m,"
                    + " pragma_index_info(m.name) i WHERE m.type = 'index' AND m.tbl_name = 'keyword_search_terms'"
                    + " AND i.seqno = 0 AND i.name = 'url_id'")) {
                if (!row.next()) {
                    throw new IllegalStateException("no index on keyword_search_terms(url_id)");
                }
                return row.getInt(1);
            }
        }
    }

    /** Reads the join: {rows, checksum}. */
    private static long[] scan(Path history, Layout layout) throws IOException {
        try (Pages visitPages = new Pages(history); Pages urlPages = new Pages(history);
             Pages termPages = new Pages(history)) {
            Record visit = new Record();
            TableSeek urls = new TableSeek(urlPages, layout.urlsRoot());
            TableSeek terms = new TableSeek(termPages, layout.termsRoot());
            long[][] termIndex = termIndex(termPages, layout.termsIndexRoot());
            long rows = 0;
            long sum = 0;
            // depth-first over the visits tree: leaves come in rowid order
            int[] stack = new int[32];
            int[] next = new int[32];
            int sp = 0;
            stack[0] = layout.visitsRoot();
            while (sp >= 0) {
                byte[] page = visitPages.page(stack[sp]);
                int header = stack[sp] == 1 ? 100 : 0;
                int cells = u16(page, header + 3);
                if (page[header] == TABLE_INTERIOR) {
                    int i = next[sp]++;
                    if (i > cells) {
                        sp--;
                        continue;
                    }
                    int child = i == cells ? u32(page, header + 8) : u32(page, u16(page, header + 12 + 2 * i));
                    stack[++sp] = child;
                    next[sp] = 0;
                    continue;
                }
                if (page[header] != TABLE_LEAF) {
                    throw new IllegalStateException("visits page " + stack[sp] + " is of type " + page[header]);
                }
                for (int i = 0; i < cells; i++) {
                    int cell = u16(page, header + 8 + 2 * i);
                    long id = visit.readTableCell(visitPages, page, cell);
                    long time = visit.longAt(layout.visitTime());
                    String originator = layout.visitOriginator() < 0 ? null : visit.textAt(layout.visitOriginator());
                    if (time <= 0 || (originator != null && !originator.isEmpty())) {
                        continue;
                    }
                    long urlId = visit.longAt(layout.visitUrl());
                    if (!urls.find(urlId)) {
                        continue; // the inner join drops a visit whose URL row is gone
                    }
                    String url = urls.record.textAt(layout.urlUrl());
                    String title = urls.record.textAt(layout.urlTitle());
                    String term = null;
                    int at = java.util.Arrays.binarySearch(termIndex[0], urlId);
                    if (at >= 0 && terms.find(termIndex[1][at])) {
                        term = terms.record.textAt(layout.termTerm());
                    }
                    sum += id + time + visit.longAt(layout.visitTransition()) + url.length()
                            + (title == null ? 0 : title.length()) + (term == null ? 0 : term.length());
                    rows++;
                }
                sp--;
            }
            return new long[] {rows, sum};
        }
    }

    /**
     * The keyword index walked once: url_ids in order, each with the smallest rowid that has it (what the reader's
     * "LIMIT 1" subquery takes through the same index).
     */
    private static long[][] termIndex(Pages pages, int root) throws IOException {
        List<long[]> found = new ArrayList<>();
        Record entry = new Record();
        walkIndex(pages, root, entry, found, 0);
        long[] urlIds = new long[found.size()];
        long[] rowids = new long[found.size()];
        int n = 0;
        for (long[] pair : found) {
            if (n > 0 && urlIds[n - 1] == pair[0]) {
                continue;
            }
            urlIds[n] = pair[0];
            rowids[n++] = pair[1];
        }
        return new long[][] {java.util.Arrays.copyOf(urlIds, n), java.util.Arrays.copyOf(rowids, n)};
    }

    private static void walkIndex(Pages pages, int pageNo, Record entry, List<long[]> found, int depth)
            throws IOException {
        if (depth > 20) {
            throw new IllegalStateException("index deeper than SQLite allows: a loop in the file");
        }
        byte[] page = pages.page(pageNo);
        int header = pageNo == 1 ? 100 : 0;
        int cells = u16(page, header + 3);
        boolean interior = page[header] == INDEX_INTERIOR;
        if (!interior && page[header] != INDEX_LEAF) {
            throw new IllegalStateException("index page " + pageNo + " is of type " + page[header]);
        }
        for (int i = 0; i < cells; i++) {
            int cell = u16(page, header + (interior ? 12 : 8) + 2 * i);
            if (interior) {
                walkIndex(pages, u32(page, cell), entry, found, depth + 1);
                cell += 4;
            }
            entry.readIndexCell(pages, page, cell);
            found.add(new long[] {entry.longAt(0), entry.longAt(entry.fields - 1)});
            // entries in an interior cell sort after its left child's and before the next child's
        }
        if (interior) {
            walkIndex(pages, u32(page, header + 8), entry, found, depth + 1);
        }
    }

    /** Finds rows of one table by rowid, keeping the last leaf: rows looked up in order mostly share a leaf. */
    private static final class TableSeek {
        final Record record = new Record();
        private final Pages pages;
        private final int root;
        private byte[] leaf;
        private int leafHeader;
        private long leafFirst = 1;
        private long leafLast = 0;

        TableSeek(Pages pages, int root) {
            this.pages = pages;
            this.root = root;
        }

        boolean find(long rowid) throws IOException {
            if (rowid < leafFirst || rowid > leafLast) {
                descend(rowid);
            }
            int lo = 0;
            int hi = u16(leaf, leafHeader + 3) - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int cell = u16(leaf, leafHeader + 8 + 2 * mid);
                long key = Varint.at(leaf, Varint.end(leaf, cell));
                if (key == rowid) {
                    record.readTableCell(pages, leaf, cell);
                    return true;
                }
                if (key < rowid) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return false;
        }

        private void descend(long rowid) throws IOException {
            int pageNo = root;
            for (int depth = 0; depth <= 20; depth++) {
                byte[] page = pages.page(pageNo);
                int header = pageNo == 1 ? 100 : 0;
                int cells = u16(page, header + 3);
                if (page[header] == TABLE_LEAF) {
                    leaf = page.clone(); // the page cache may reuse the array
                    leafHeader = header;
                    if (cells == 0) {
                        leafFirst = 1;
                        leafLast = 0;
                    } else {
                        leafFirst = Varint.at(leaf, Varint.end(leaf, u16(leaf, header + 8)));
                        leafLast = Varint.at(leaf, Varint.end(leaf, u16(leaf, header + 8 + 2 * (cells - 1))));
                    }
                    // A rowid that led here from outside the leaf's first and last is in no leaf, nor is any
                    // between it and the leaf (they would lead here too): the leaf's range grows to it.
                    leafFirst = Math.min(leafFirst, rowid);
                    leafLast = Math.max(leafLast, rowid);
                    return;
                }
                if (page[header] != TABLE_INTERIOR) {
                    throw new IllegalStateException("table page " + pageNo + " is of type " + page[header]);
                }
                int child = u32(page, header + 8);
                int lo = 0;
                int hi = cells - 1;
                while (lo <= hi) { // the first cell whose key is >= rowid holds it on its left
                    int mid = (lo + hi) >>> 1;
                    int cell = u16(page, header + 12 + 2 * mid);
                    if (Varint.at(page, cell + 4) >= rowid) {
                        child = u32(page, cell);
                        hi = mid - 1;
                    } else {
                        lo = mid + 1;
                    }
                }
                pageNo = child;
            }
            throw new IllegalStateException("table deeper than SQLite allows: a loop in the file");
        }
    }

    /** One record's fields: serial types and where each value starts in its page. */
    private static final class Record {
        private final int[] types = new int[64];
        private final int[] offsets = new int[64];
        private byte[] page;
        private int fields;

        /** A table leaf cell: payload size, rowid, record. Returns the rowid. */
        long readTableCell(Pages pages, byte[] page, int cell) {
            int rowidAt = Varint.end(page, cell);
            long payload = Varint.at(page, cell);
            int recordAt = Varint.end(page, rowidAt);
            if (payload > pages.usable - 35) {
                throw new IllegalStateException("a row spills onto overflow pages, which this scan does not read");
            }
            decode(page, recordAt);
            return Varint.at(page, rowidAt);
        }

        /** An index cell: payload size, record. */
        void readIndexCell(Pages pages, byte[] page, int cell) {
            long payload = Varint.at(page, cell);
            if (payload > (pages.usable - 12) * 64L / 255 - 23) {
                throw new IllegalStateException("an index entry spills onto overflow pages");
            }
            decode(page, Varint.end(page, cell));
        }

        private void decode(byte[] page, int at) {
            int headerEnd = at + (int) Varint.at(page, at);
            int h = Varint.end(page, at);
            int data = headerEnd;
            int n = 0;
            while (h < headerEnd) {
                int type = (int) Varint.at(page, h);
                h = Varint.end(page, h);
                types[n] = type;
                offsets[n++] = data;
                data += type >= 12 ? (type - 12) >> 1 : FIXED_SIZES[type];
            }
            this.page = page;
            this.fields = n;
        }

        private static final int[] FIXED_SIZES = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0};

        /** An integer field (a field past the record's end, added by ALTER TABLE, is its default: here NULL, 0). */
        long longAt(int field) {
            if (field >= fields) {
                return 0;
            }
            int type = types[field];
            int at = offsets[field];
            if (type == 0 || type == 8) {
                return 0;
            }
            if (type == 9) {
                return 1;
            }
            if (type > 6) {
                throw new IllegalStateException("field " + field + " is not an integer (serial type " + type + ")");
            }
            int size = FIXED_SIZES[type];
            long value = page[at]; // sign-extended first byte
            for (int i = 1; i < size; i++) {
                value = (value << 8) | (page[at + i] & 0xff);
            }
            return value;
        }

        String textAt(int field) {
            if (field >= fields || types[field] == 0) {
                return null;
            }
            int type = types[field];
            if (type < 13 || (type & 1) == 0) {
                throw new IllegalStateException("field " + field + " is not text (serial type " + type + ")");
            }
            return new String(page, offsets[field], (type - 13) >> 1, StandardCharsets.UTF_8);
        }
    }

    /** SQLite's variable-length integers: 1 to 9 bytes, big-endian, 7 bits a byte but 8 in the ninth. */
    private static final class Varint {
        static long at(byte[] page, int at) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                int b = page[at + i] & 0xff;
                value = (value << 7) | (b & 0x7f);
                if (b < 0x80) {
                    return value;
                }
            }
            return (value << 8) | (page[at + 8] & 0xff);
        }

        static int end(byte[] page, int at) {
            for (int i = 0; i < 8; i++) {
                if ((page[at + i] & 0x80) == 0) {
                    return at + i + 1;
                }
            }
            return at + 9;
        }
    }

    /** The file's pages, read with positional reads into a small direct-mapped cache, as SQLite's own cache does. */
    private static final class Pages implements AutoCloseable {
        final int usable;
        private final FileChannel file;
        private final int size;
        private final byte[][] cache;
        private final int[] cached;

        Pages(Path path) throws IOException {
            file = FileChannel.open(path, StandardOpenOption.READ);
            ByteBuffer header = ByteBuffer.allocate(100);
            file.read(header, 0);
            byte[] h = header.array();
            if (!new String(h, 0, 15, StandardCharsets.US_ASCII).equals("SQLite format 3")) {
                throw new IllegalStateException(path + " is not an SQLite database");
            }
            int raw = u16(h, 16);
            size = raw == 1 ? 65536 : raw;
            usable = size - (h[20] & 0xff);
            int slots = Math.max(16, Integer.highestOneBit((2 << 20) / size)); // 2 MiB, SQLite's default cache
            cache = new byte[slots][];
            cached = new int[slots];
        }

        byte[] page(int number) throws IOException {
            int slot = number & (cache.length - 1);
            byte[] page = cache[slot];
            if (page != null && cached[slot] == number) {
                return page;
            }
            if (page == null) {
                page = cache[slot] = new byte[size];
            }
            ByteBuffer into = ByteBuffer.wrap(page);
            long position = (long) (number - 1) * size;
            while (into.hasRemaining()) {
                if (file.read(into, position + into.position()) < 0) {
                    throw new EOFException("page " + number + " is past the end of the file");
                }
            }
            cached[slot] = number;
            return page;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static int u16(byte[] page, int at) {
        return ((page[at] & 0xff) << 8) | (page[at + 1] & 0xff);
    }

    private static int u32(byte[] page, int at) {
        return ((page[at] & 0xff) << 24) | ((page[at + 1] & 0xff) << 16) | ((page[at + 2] & 0xff) << 8)
                | (page[at + 3] & 0xff);
    }
}
