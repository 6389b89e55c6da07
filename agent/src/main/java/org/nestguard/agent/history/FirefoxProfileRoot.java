package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.nestguard.agent.platform.UserFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder Firefox keeps profiles in ({@code ~/.mozilla/firefox}, {@code %APPDATA%\Mozilla\Firefox},
 * {@code ~/Library/Application Support/Firefox}): every profile its {@code profiles.ini} lists, relative or
 * absolute, then every folder directly in it or in its {@code Profiles} folder holding a {@code places.sqlite} that
 * the file does not list (a profile removed from the list but left on disk, made with {@code -profile}, or a list
 * that is missing). Folders that cannot be read are logged and skipped; the others are still found.
 */
public final class FirefoxProfileRoot {
    private static final Logger LOG = LoggerFactory.getLogger(FirefoxProfileRoot.class);
    /** The history database's name in a profile folder. */
    public static final String PLACES = "places.sqlite";
    private static final String INI = "profiles.ini";
    // A real profiles.ini is a few hundred bytes; a huge one is not read into memory (its folders still are).
    private static final int MAX_INI_BYTES = 1 << 20;
    /** Problems of one profiles.ini logged at a collection: the account can write as many as it likes. */
    private static final int LOGGED_PROBLEMS = 10;

    private final Path folder;
    private final Function<String, Path> absolute;

    /**
     * @param folder   the folder holding {@code profiles.ini}
     * @param absolute maps an absolute {@code Path=} as written in {@code profiles.ini} to the file it means on the
     *                 system being inspected (a test tree stands for {@code C:\} or {@code /}); null when it means
     *                 nothing there
     */
    public FirefoxProfileRoot(Path folder, Function<String, Path> absolute) {
        this.folder = folder;
        this.absolute = absolute;
    }

    /** The profiles with a {@code places.sqlite}, owned by {@code account}; none when the folder does not exist. */
    public List<BrowserProfile> profiles(String account) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BrowserProfile> profiles = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (FirefoxProfilesIni.Entry entry : listed()) {
            Path profile;
            try {
                profile = entry.relative() ? entry.locate(folder) : absolute.apply(entry.path());
            } catch (InvalidPathException e) {
                LOG.warn("{}: profile {} has a path no file here can have ({}); skipped", folder.resolve(INI),
                        entry.name(), e.getMessage());
                continue;
            }
            if (profile != null) {
                add(profiles, seen, account, entry.name(), profile);
            }
        }
        for (Path parent : List.of(folder, folder.resolve("Profiles"))) {
            for (Path child : subfolders(parent)) {
                add(profiles, seen, account, child.getFileName().toString(), child);
            }
        }
        return profiles;
    }

    private List<FirefoxProfilesIni.Entry> listed() {
        Path ini = folder.resolve(INI);
        try {
            Optional<byte[]> bytes = UserFile.read(ini, MAX_INI_BYTES); // the account's own file: see UserFile
            if (bytes.isEmpty()) {
                return List.of();
            }
            FirefoxProfilesIni parsed = FirefoxProfilesIni.parse(text(bytes.get()));
            List<String> problems = parsed.problems();
            for (String problem : problems.subList(0, Math.min(LOGGED_PROBLEMS, problems.size()))) {
                LOG.warn("{}: {}", ini, problem);
            }
            if (problems.size() > LOGGED_PROBLEMS) {
                LOG.warn("{}: {} more problems not logged", ini, problems.size() - LOGGED_PROBLEMS);
            }
            return parsed.profiles();
        } catch (IOException e) {
            LOG.warn("Could not read {} ({}); looking for profile folders instead", ini, e.toString());
            return List.of();
        }
    }

    /** profiles.ini is UTF-8 as Firefox writes it; a stray byte becomes U+FFFD rather than hiding every profile. */
    private static String text(byte[] bytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static List<Path> subfolders(Path parent) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, Files::isDirectory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            LOG.warn("Could not list {} ({}); profiles in it that profiles.ini does not name are missed", parent,
                    e.toString());
        }
        children.sort(null);
        return children;
    }

    private static void add(List<BrowserProfile> profiles, Set<Path> seen, String account, String name, Path folder) {
        Path places = folder.resolve(PLACES).toAbsolutePath().normalize();
        if (seen.add(places) && HistoryFiles.isDatabase(places)) {
            profiles.add(new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, name, places));
        }
    }
}
