package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.linux.LocalUsers;
import org.nestguard.agent.platform.linux.PasswdFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Chrome, Edge, Brave, Chromium and Firefox profiles of every account on a Linux system, including the
 * snap and flatpak locations. Accounts are the {@code /etc/passwd} entries whose home exists under the host root,
 * plus folders in {@code /home} no entry claims (directory accounts through sssd or winbind are not in passwd);
 * without a passwd file, every folder in {@code /home} and {@code /root}.
 *
 * <p>A history file is attributed to one account only: when links or an absolute {@code profiles.ini} path lead
 * into another account's home, the profile is left to that account, so nobody's visits are reported as someone
 * else's or twice.
 */
public final class LinuxProfileDiscovery implements ProfileDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxProfileDiscovery.class);

    /** Chromium-family user data folders relative to a home, with the browser name visits report. */
    static final List<Map.Entry<String, String>> CHROMIUM_FOLDERS = List.of(
            Map.entry(".config/google-chrome", "chrome"),
            Map.entry(".config/google-chrome-beta", "chrome"),
            Map.entry(".config/google-chrome-unstable", "chrome"),
            Map.entry(".var/app/com.google.Chrome/config/google-chrome", "chrome"),
            Map.entry(".config/microsoft-edge", "edge"),
            Map.entry(".config/microsoft-edge-beta", "edge"),
            Map.entry(".config/microsoft-edge-dev", "edge"),
            Map.entry(".var/app/com.microsoft.Edge/config/microsoft-edge", "edge"),
            Map.entry(".config/BraveSoftware/Brave-Browser", "brave"),
            Map.entry(".config/BraveSoftware/Brave-Browser-Beta", "brave"),
            Map.entry(".config/BraveSoftware/Brave-Browser-Nightly", "brave"),
            Map.entry(".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser", "brave"),
            // Snap keeps a folder per revision; "current" is the one in use, the others are old copies.
            Map.entry("snap/brave/current/.config/BraveSoftware/Brave-Browser", "brave"),
            Map.entry(".config/chromium", "chromium"),
            Map.entry("snap/chromium/common/chromium", "chromium"),
            Map.entry(".var/app/org.chromium.Chromium/config/chromium", "chromium"));

    /** Folders holding Firefox's profiles.ini relative to a home. */
    static final List<String> FIREFOX_FOLDERS = List.of(
            ".mozilla/firefox",
            ".config/mozilla/firefox",
            "snap/firefox/common/.mozilla/firefox",
            ".var/app/org.mozilla.firefox/.mozilla/firefox",
            ".var/app/org.mozilla.firefox/config/mozilla/firefox");

    private final HostRoot root;

    public LinuxProfileDiscovery(HostRoot root) {
        this.root = root;
    }

    /** One account's home: the account's name, the folder under the host root and where its links lead. */
    record Home(String account, Path folder, Path real) {
    }

    @Override
    public List<BrowserProfile> discover() throws IOException {
        List<Home> homes = homes();
        HomeFolders everyHome = new HomeFolders(homes.stream().map(Home::real).toList());
        List<BrowserProfile> profiles = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Home home : homes) {
            for (BrowserProfile profile : everyHome.notInAnotherHome(home.real(), profilesIn(home))) {
                Path real;
                try {
                    real = profile.historyFile().toRealPath();
                } catch (IOException e) {
                    continue; // gone since it was listed
                }
                if (seen.add(real)) {
                    profiles.add(profile);
                }
            }
        }
        return profiles;
    }

    /**
     * The profiles in one home. A browser folder that cannot be listed is logged by {@link ChromiumUserData} and
     * {@link FirefoxProfileRoot}, and the others are still listed.
     */
    private List<BrowserProfile> profilesIn(Home home) {
        List<BrowserProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, String> folder : CHROMIUM_FOLDERS) {
            profiles.addAll(new ChromiumUserData(home.folder().resolve(folder.getKey()))
                    .profiles(folder.getValue(), home.account()));
        }
        for (String folder : FIREFOX_FOLDERS) {
            profiles.addAll(new FirefoxProfileRoot(home.folder().resolve(folder), root::resolve)
                    .profiles(home.account()));
        }
        return profiles;
    }

    /** Every account's home, each once: the folders the file scanner watches in. */
    public List<AccountHome> accountHomes() throws IOException {
        return homes().stream().map(h -> new AccountHome(h.account(), h.folder()))
                .toList();
    }

    /** The homes to look in, each once, in passwd order then {@code /home} order. */
    List<Home> homes() throws IOException {
        Map<Path, Home> homes = new LinkedHashMap<>();
        if (root.exists("/etc/passwd")) {
            PasswdFile passwd;
            try {
                passwd = new LocalUsers(root).passwd();
            } catch (ProbeException e) {
                throw new IOException("the accounts could not be listed: " + e.getMessage(), e);
            }
            for (PasswdFile.Entry entry : passwd.entries()) {
                String home = entry.home();
                if (home.isEmpty() || home.equals("/")) {
                    continue; // "/" is no one's home: every path would be inside it
                }
                addHome(homes, entry.name(), root.resolve(home));
            }
        } else {
            addHome(homes, "root", root.resolve("/root"));
        }
        Path homeFolder = root.resolve("/home");
        if (Files.isDirectory(homeFolder)) {
            try (Stream<Path> entries = Files.list(homeFolder)) {
                for (Path folder : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                    addHome(homes, folder.getFileName().toString(), folder);
                }
            }
        }
        return List.copyOf(homes.values());
    }

    private static void addHome(Map<Path, Home> homes, String account, Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            return; // no such home (an account whose home was never made or has been removed)
        }
        if (Files.isDirectory(real)) {
            homes.putIfAbsent(real, new Home(account, folder, real));
        }
    }
}
