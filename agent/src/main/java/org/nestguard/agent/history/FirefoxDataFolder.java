package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Firefox profiles of one Firefox data folder (the folder holding {@code profiles.ini} and {@code Profiles/}):
 * every profile {@code profiles.ini} lists, then every folder under {@code Profiles/} it does not list (a profile
 * removed from the list but left on disk, or a list that is missing), each one that has a {@code places.sqlite}.
 */
public final class FirefoxDataFolder {
    private static final Logger LOG = LoggerFactory.getLogger(FirefoxDataFolder.class);
    private static final String PLACES = "places.sqlite";

    private FirefoxDataFolder() {
    }

    /**
     * The profiles in {@code folder} for {@code account}.
     *
     * @param absolutePaths maps an absolute {@code Path=} as written in {@code profiles.ini} to the file it means on
     *                      the system being inspected (a test tree stands for {@code C:\} or {@code /})
     */
    public static List<BrowserProfile> profiles(String account, Path folder, Function<String, Path> absolutePaths) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BrowserProfile> profiles = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (FirefoxProfileEntry entry : listed(folder)) {
            Path profile = entry.relative() ? entry.locate(folder) : absolutePaths.apply(entry.path());
            if (profile != null) {
                add(profiles, seen, account, entry.name(), profile);
            }
        }
        Path unlisted = folder.resolve("Profiles");
        if (Files.isDirectory(unlisted)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(unlisted, Files::isDirectory)) {
                List<Path> sorted = new ArrayList<>();
                children.forEach(sorted::add);
                sorted.sort(null);
                for (Path child : sorted) {
                    add(profiles, seen, account, child.getFileName().toString(), child);
                }
            } catch (IOException e) {
                LOG.warn("Could not list {} ({}); only the profiles profiles.ini names are collected", unlisted,
                        e.toString());
            }
        }
        return profiles;
    }

    private static List<FirefoxProfileEntry> listed(Path folder) {
        Path ini = folder.resolve("profiles.ini");
        if (!Files.isRegularFile(ini)) {
            return List.of();
        }
        try {
            FirefoxProfilesIni parsed = FirefoxProfilesIni.parse(Files.readString(ini, StandardCharsets.UTF_8));
            for (String problem : parsed.problems()) {
                LOG.warn("{}: {}", ini, problem);
            }
            return parsed.profiles();
        } catch (IOException e) {
            LOG.warn("Could not read {} ({}); looking for profile folders under Profiles instead", ini, e.toString());
            return List.of();
        }
    }

    private static void add(List<BrowserProfile> profiles, Set<Path> seen, String account, String name, Path folder) {
        Path places = folder.resolve(PLACES).toAbsolutePath().normalize();
        if (seen.add(places) && HistoryFiles.isDatabase(places)) {
            profiles.add(new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, name, places));
        }
    }
}
