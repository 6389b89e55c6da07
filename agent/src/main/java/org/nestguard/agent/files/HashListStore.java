package org.nestguard.agent.files;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nestguard.agent.enrolment.AgentHome;

/**
 * The hash lists imported on this device ({@code nestguard-agent hashes import}), one binary file each under
 * {@link AgentHome#hashLists()}: the sorted digest tables as they are held in memory, so loading a list of millions
 * of hashes is one read, with no parsing. Written through a temporary file and a rename.
 */
public final class HashListStore {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String SUFFIX = ".hashlist";
    private static final int MAGIC = 0x4E47484C; // "NGHL"
    private static final int VERSION = 1;

    private final AgentHome home;
    private final Clock clock;

    public HashListStore(AgentHome home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    /** Reads {@code file} and stores it as {@code name}, replacing a list of that name. */
    public HashList importFile(Path file, String name, String description, String column)
            throws IOException, HashListException {
        requireName(name);
        if (!Files.isRegularFile(file)) {
            throw new HashListException(file + " is not a file; give the path of a hash list to import");
        }
        HashListParser.Parsed parsed;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed = HashListParser.parse(reader, file.toString(), column);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new HashListException(file + " is not UTF-8 or ASCII text; a hash list is text", e);
        }
        HashList list = new HashList(name, description, file.getFileName() + ": " + parsed.howRead(),
                clock.instant(), DigestTable.of(32, parsed.sha256()), DigestTable.of(20, parsed.sha1()),
                DigestTable.of(16, parsed.md5()));
        Files.createDirectories(home.hashLists());
        home.writeAtomically(fileOf(name), encode(list), false);
        return list;
    }

    /** Every imported list, by name. */
    public List<HashList> list() throws IOException, HashListException {
        List<HashList> lists = new ArrayList<>();
        if (!Files.isDirectory(home.hashLists())) {
            return lists;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.hashLists(), "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                names.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
            }
        }
        names.sort(null);
        for (String name : names) {
            lists.add(load(name));
        }
        return lists;
    }

    /** Removes a list; false when there was none of that name. */
    public boolean remove(String name) throws IOException, HashListException {
        requireName(name);
        return Files.deleteIfExists(fileOf(name));
    }

    /** One list; an error naming it when it was never imported or its file is damaged. */
    public HashList load(String name) throws HashListException, IOException {
        requireName(name);
        Path file = fileOf(name);
        try (InputStream in = Files.newInputStream(file)) {
            return decode(name, new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16)), file);
        } catch (NoSuchFileException e) {
            throw new HashListException("hash list '" + name + "' is not imported on this device; import it with "
                    + "'nestguard-agent hashes import FILE --name " + name + "'");
        }
    }

    /** The lists a policy names; each one missing or unreadable is a problem, never silently skipped. */
    public LoadedHashLists loadAll(List<String> names) throws IOException {
        List<HashList> lists = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            try {
                lists.add(load(name));
            } catch (HashListException e) {
                problems.add(e.getMessage());
            }
        }
        return new LoadedHashLists(lists, problems);
    }

    private Path fileOf(String name) {
        return home.hashLists().resolve(name + SUFFIX);
    }

    static void requireName(String name) throws HashListException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new HashListException("'" + name + "' is not a usable hash list name; use letters, digits, dot, "
                    + "dash and underscore, at most 64, starting with a letter or digit");
        }
    }

    static byte[] encode(HashList list) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + list.sha256().bytes().length
                + list.sha1().bytes().length + list.md5().bytes().length);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(list.description() == null ? "" : list.description());
        out.writeUTF(list.source());
        out.writeLong(list.imported().toEpochMilli());
        for (DigestTable table : List.of(list.sha256(), list.sha1(), list.md5())) {
            out.writeInt(table.size());
            out.write(table.bytes());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static HashList decode(String name, DataInputStream in, Path file) throws HashListException {
        try {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new HashListException(file + " is not a hash list this agent wrote; import the list again");
            }
            String description = in.readUTF();
            String source = in.readUTF();
            Instant imported = Instant.ofEpochMilli(in.readLong());
            DigestTable[] tables = new DigestTable[3];
            int[] widths = {32, 20, 16};
            for (int i = 0; i < 3; i++) {
                int count = in.readInt();
                if (count < 0 || (long) count * widths[i] > Integer.MAX_VALUE - 16) {
                    throw new HashListException(file + " is damaged (a table of " + count + " hashes); import the "
                            + "list again");
                }
                byte[] table = new byte[count * widths[i]];
                in.readFully(table);
                tables[i] = DigestTable.fromSorted(widths[i], table);
            }
            return new HashList(name, description.isEmpty() ? null : description, source, imported, tables[0],
                    tables[1], tables[2]);
        } catch (IOException | IllegalArgumentException e) {
            throw new HashListException(file + " is damaged (" + e.getMessage() + "); import the list again", e);
        }
    }
}
