package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.nestguard.agent.platform.AccountHome;
import org.nestguard.agent.platform.HostRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the browser profiles of every home folder under {@code /Users} on macOS; the account is the home folder's
 * name. {@code Shared} and {@code Deleted Users} are not people's homes and are skipped; {@code Guest} is looked at
 * only while it has a home (macOS creates it at a guest log-in and deletes it at log-out).
 *
 * <p>Per home: Chrome, Edge, Brave and Chromium under {@code Library/Application Support}
 * ({@link ChromiumUserData}); Firefox in {@code Library/Application Support/Firefox} ({@link FirefoxProfileRoot});
 * Safari's {@code Library/Safari/History.db} (format SAFARI, name "Safari").
 *
 * <p>Full Disk Access: {@code ~/Library/Safari} is protected by macOS privacy controls (TCC), even from root. The
 * agent's executable must be granted Full Disk Access (System Settings, Privacy &amp; Security, or a PPPC
 * configuration profile from the school's MDM) or Safari's history cannot be read. Without it macOS may not even say
 * whether {@code History.db} exists; discovery then still returns the Safari profile, so that reading it fails with
 * the permission error as that profile's read error and the missing grant is reported instead of Safari's history
 * silently looking empty. Only a file known to be absent leaves Safari out. A folder that cannot be listed never
 * stops discovery of the others.
 */
public final class MacProfileDiscovery implements ProfileDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(MacProfileDiscovery.class);
    private static final Set<String> NOT_A_HOME = Set.of("Shared", "Deleted Users");
    private static final String APPLICATION_SUPPORT = "Library/Application Support/";
    private static final List<ChromiumBrowser> CHROMIUM_FAMILY = List.of(
            new ChromiumBrowser("chrome", "Google/Chrome"),
            new ChromiumBrowser("edge", "Microsoft Edge"),
            new ChromiumBrowser("brave", "BraveSoftware/Brave-Browser"),
            new ChromiumBrowser("chromium", "Chromium"));

    private final HostRoot root;

    public MacProfileDiscovery(HostRoot root) {
        this.root = root;
    }

    /** Every home under {@code /Users} that is a person's: the folders the file scanner watches in. */
    public List<AccountHome> accountHomes() throws IOException {
        return homeNames().stream()
                .map(a -> new AccountHome(a, root.resolve("/Users/" + a))).toList();
    }

    private List<String> homeNames() throws IOException {
        Path users = root.resolve("/Users");
        if (!Files.isDirectory(users)) {
            throw new IOException("/Users does not exist under " + root.root() + "; is this a macOS root?");
        }
        List<String> homes = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(users, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !NOT_A_HOME.contains(name)) {
                    homes.add(name);
                }
            }
        }
        homes.sort(null);
        return homes;
    }

    @Override
    public List<BrowserProfile> discover() throws IOException {
        List<String> homes = homeNames();
        HomeFolders everyHome =
                new HomeFolders(homes.stream().map(account -> root.resolve("/Users/" + account)).toList());
        List<BrowserProfile> profiles = new ArrayList<>();
        for (String account : homes) {
            String home = "/Users/" + account + "/";
            List<BrowserProfile> own = new ArrayList<>();
            for (ChromiumBrowser browser : CHROMIUM_FAMILY) {
                own.addAll(new ChromiumUserData(root.resolve(home + APPLICATION_SUPPORT + browser.folder()))
                        .profiles(browser.name(), account));
            }
            own.addAll(new FirefoxProfileRoot(root.resolve(home + APPLICATION_SUPPORT + "Firefox"),
                    everyHome.absolutePathsFor(root.resolve(home), this::absolute)).profiles(account));
            Path safari = root.resolve(home + "Library/Safari/History.db");
            if (isSafariDatabase(safari)) {
                own.add(new BrowserProfile("safari", HistoryFormat.SAFARI, account, "Safari", safari));
            }
            profiles.addAll(everyHome.notInAnotherHome(root.resolve(home), own));
        }
        return profiles;
    }

    /** Present, or hidden by TCC; never a symbolic link. */
    private static boolean isSafariDatabase(Path file) {
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("Cannot tell whether {} exists: the agent probably lacks Full Disk Access; listing it so the "
                    + "read reports the permission error", file);
            return true;
        }
        return HistoryFiles.isDatabase(file);
    }

    /** An absolute macOS path from profiles.ini, on the system being inspected. */
    private Path absolute(String path) {
        if (!path.startsWith("/")) {
            LOG.warn("Ignoring Firefox profile path {}: marked absolute (IsRelative=0) but not starting with /",
                    path);
            return null;
        }
        return root.resolve(path);
    }

    /** A Chromium-family browser's name and its folder under {@code ~/Library/Application Support}. */
    private record ChromiumBrowser(String name, String folder) {
    }
}
