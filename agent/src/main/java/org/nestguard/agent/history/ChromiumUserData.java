package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Chromium-family user data folder ({@code ~/.config/google-chrome}, {@code ...\User Data}): each profile is a
 * folder in it holding a {@code History} database, such as {@code Default} and {@code Profile 1}.
 */
public final class ChromiumUserData {
    /** The history database's name in a profile folder. */
    public static final String HISTORY = "History";

    private final Path folder;

    public ChromiumUserData(Path folder) {
        this.folder = folder;
    }

    /** Every profile folder with a History file, by folder name; none when the user data folder does not exist. */
    public List<BrowserProfile> profiles(String browser, String account) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BrowserProfile> profiles = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path profile : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                Path history = profile.resolve(HISTORY);
                if (Files.isDirectory(profile) && Files.isRegularFile(history)) {
                    profiles.add(new BrowserProfile(browser, HistoryFormat.CHROMIUM, account,
                            profile.getFileName().toString(), history));
                }
            }
        }
        return profiles;
    }
}
