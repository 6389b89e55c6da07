package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A folder Firefox keeps profiles in ({@code ~/.mozilla/firefox}, {@code ...\Mozilla\Firefox}): the profiles its
 * {@code profiles.ini} lists, relative or absolute, plus any folder in it holding a {@code places.sqlite} that the
 * ini does not list (a profile made by hand or by {@code -profile}).
 */
public final class FirefoxProfileRoot {
    /** The history database's name in a profile folder. */
    public static final String PLACES = "places.sqlite";
    private static final String INI = "profiles.ini";
    private static final long MAX_INI_BYTES = 1 << 20;

    private final Path folder;
    private final Function<String, Path> absolute;

    /**
     * @param folder   the folder holding profiles.ini
     * @param absolute maps an absolute {@code Path=} of the inspected system to the real file (through the host
     *                 root when the system is mounted elsewhere)
     */
    public FirefoxProfileRoot(Path folder, Function<String, Path> absolute) {
        this.folder = folder;
        this.absolute = absolute;
    }

    /** The profiles with a places.sqlite; none when the folder does not exist. */
    public List<BrowserProfile> profiles(String account) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BrowserProfile> profiles = new ArrayList<>();
        Set<Path> listed = new HashSet<>();
        Path ini = folder.resolve(INI);
        // A real profiles.ini is a few hundred bytes; a huge one is not read into memory (its folders still are).
        if (Files.isRegularFile(ini) && Files.size(ini) <= MAX_INI_BYTES) {
            for (FirefoxProfilesIni.Entry entry : FirefoxProfilesIni.parse(readText(ini)).profiles()) {
                Path profile;
                try {
                    profile = (entry.relative() ? folder.resolve(entry.path()) : absolute.apply(entry.path()))
                            .normalize();
                } catch (InvalidPathException e) {
                    continue; // a Path= no file system can hold names no profile
                }
                Path places = profile.resolve(PLACES);
                if (listed.add(profile) && Files.isRegularFile(places)) {
                    profiles.add(new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, entry.name(), places));
                }
            }
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path profile : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                Path places = profile.resolve(PLACES);
                if (!listed.contains(profile.normalize()) && Files.isRegularFile(places)) {
                    profiles.add(new BrowserProfile("firefox", HistoryFormat.FIREFOX, account,
                            profile.getFileName().toString(), places));
                }
            }
        }
        return profiles;
    }

    /** profiles.ini is UTF-8 as Firefox writes it; a stray byte becomes U+FFFD rather than hiding every profile. */
    private static String readText(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }
}
