package org.nestguard.agent.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiles in one Chromium-family user-data folder ({@code ...\User Data} on Windows,
 * {@code ~/Library/Application Support/Google/Chrome} on macOS): every profile folder with a {@code History} file.
 *
 * <p>Profile folders are {@code Default}, {@code Profile N}, {@code Guest Profile}, any folder {@code Local State}
 * lists in {@code profile.info_cache}, and any folder holding {@code Preferences} or {@code Secure Preferences} (how
 * osquery recognises one). {@code System Profile} (the profile picker, never used to browse) is left out. A
 * {@code History} that is a symbolic link is skipped with a warning: browsers never make one, and following it would
 * let a user point the agent at a file that is not theirs.
 */
public final class ChromiumUserData {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumUserData.class);
    /** The history database's name in a profile folder. */
    public static final String HISTORY = "History";

    private final Path userData;

    /** @param userData the user-data folder, which need not exist */
    public ChromiumUserData(Path userData) {
        this.userData = userData;
    }

    /**
     * The profiles of {@code browser} (chrome, edge, brave, chromium) owned by {@code account}, by folder name;
     * none when the folder does not exist.
     */
    public List<BrowserProfile> profiles(String browser, String account) {
        if (!Files.isDirectory(userData)) {
            return List.of();
        }
        Set<String> folders = new TreeSet<>();
        folders.add("Default");
        folders.addAll(listedInLocalState());
        try (DirectoryStream<Path> children = Files.newDirectoryStream(userData, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.equals("Guest Profile") || name.matches("Profile \\d+")
                        || Files.exists(child.resolve("Preferences"))
                        || Files.exists(child.resolve("Secure Preferences"))) {
                    folders.add(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list {} ({}); looking only for the profiles Local State names", userData, e.toString());
        }
        folders.remove("System Profile");
        List<BrowserProfile> profiles = new ArrayList<>();
        for (String folder : folders) {
            Path history = userData.resolve(folder).resolve(HISTORY);
            if (HistoryFiles.isDatabase(history)) {
                profiles.add(new BrowserProfile(browser, HistoryFormat.CHROMIUM, account, folder, history));
            }
        }
        return profiles;
    }

    private List<String> listedInLocalState() {
        Path localState = userData.resolve("Local State");
        if (!Files.isRegularFile(localState)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(localState)) {
            return ChromiumLocalState.profileFolders(in).stream()
                    // a folder name is one path element: anything else in the file is not a profile of this folder
                    .filter(name -> !name.isBlank() && !name.contains("/") && !name.contains("\\")
                            && !name.equals(".") && !name.equals(".."))
                    .toList();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the profile list in {} ({}); looking for profile folders on disk instead",
                    localState, e.getMessage());
            return List.of();
        }
    }
}
