package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;

/** Discovery over a temporary folder laid out as a Mac's root ({@code /Users/...}). */
class MacProfileDiscoveryTest {
    private static final String SUPPORT = "Users/amira/Library/Application Support/";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    @BeforeEach
    void layOutTheMac() throws Exception {
        database(SUPPORT + "Google/Chrome/Default/History");
        file(SUPPORT + "Google/Chrome/Default/Preferences", "{}");
        database(SUPPORT + "Google/Chrome/Profile 2/History");
        file(SUPPORT + "Google/Chrome/Local State", "{\"profile\":{\"info_cache\":{\"Default\":{\"name\":\"Amira\"},"
                + "\"Profile 2\":{\"name\":\"Clubs\"}}}}");
        file(SUPPORT + "Firefox/profiles.ini", HistoryFixtures.text("macos", "firefox-profiles.ini"));
        database(SUPPORT + "Firefox/Profiles/9xq0vz1e.default-release/places.sqlite");
        database("Users/amira/FirefoxProfiles/homework/places.sqlite");
        Files.createDirectories(root.resolve("Users/amira/Library/Safari"));
        try (SafariHistoryDb db = SafariHistoryDb.create(root.resolve("Users/amira/Library/Safari/History.db"),
                "safari-history-v16.sql")) {
            db.visit("https://www.bbc.co.uk/bitesize", 763_293_600.0, "Bitesize");
        }

        database("Users/ben/Library/Application Support/Microsoft Edge/Default/History");
        database("Users/ben/Library/Application Support/BraveSoftware/Brave-Browser/Default/History");
        database("Users/ben/Library/Application Support/Chromium/Default/History");
        Files.createDirectories(root.resolve("Users/ben/Library/Safari")); // Safari never opened: no History.db

        database("Users/Guest/Library/Safari/History.db");
        database("Users/Shared/Library/Safari/History.db");
        database("Users/Deleted Users/Library/Safari/History.db");
        file("Users/.localized", "");
    }

    @Test
    void findsEveryBrowserProfileInEveryHome() throws IOException {
        List<BrowserProfile> found = new MacProfileDiscovery(new HostRoot(root)).discover();

        assertEquals(List.of(
                new BrowserProfile("safari", HistoryFormat.SAFARI, "Guest", "Safari",
                        at("Users/Guest/Library/Safari/History.db")),
                new BrowserProfile("chrome", HistoryFormat.CHROMIUM, "amira", "Default",
                        at(SUPPORT + "Google/Chrome/Default/History")),
                new BrowserProfile("chrome", HistoryFormat.CHROMIUM, "amira", "Profile 2",
                        at(SUPPORT + "Google/Chrome/Profile 2/History")),
                new BrowserProfile("firefox", HistoryFormat.FIREFOX, "amira", "default-release",
                        at(SUPPORT + "Firefox/Profiles/9xq0vz1e.default-release/places.sqlite")),
                new BrowserProfile("firefox", HistoryFormat.FIREFOX, "amira", "Homework",
                        at("Users/amira/FirefoxProfiles/homework/places.sqlite")),
                new BrowserProfile("safari", HistoryFormat.SAFARI, "amira", "Safari",
                        at("Users/amira/Library/Safari/History.db")),
                new BrowserProfile("edge", HistoryFormat.CHROMIUM, "ben", "Default",
                        at("Users/ben/Library/Application Support/Microsoft Edge/Default/History")),
                new BrowserProfile("brave", HistoryFormat.CHROMIUM, "ben", "Default",
                        at("Users/ben/Library/Application Support/BraveSoftware/Brave-Browser/Default/History")),
                new BrowserProfile("chromium", HistoryFormat.CHROMIUM, "ben", "Default",
                        at("Users/ben/Library/Application Support/Chromium/Default/History"))),
                found);
    }

    @Test
    void discoveredSafariProfileReadsWithTheSafariReader() throws Exception {
        BrowserProfile safari = new MacProfileDiscovery(new HostRoot(root)).discover().stream()
                .filter(p -> p.account().equals("amira") && p.format() == HistoryFormat.SAFARI).findFirst().orElseThrow();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + safari.historyFile())) {
            HistoryRead read = new SafariHistoryReader().readAfter(db, ProfileCursor.START);
            assertEquals(List.of("https://www.bbc.co.uk/bitesize"), read.visits().stream().map(RawVisit::url).toList());
        }
    }

    @Test
    void safariHiddenByPrivacyControlsIsStillListedAndOtherUnreadableFoldersAreSkipped() throws IOException {
        Path safariFolder = root.resolve("Users/amira/Library/Safari");
        Path chrome = root.resolve(SUPPORT + "Google/Chrome");
        Files.setPosixFilePermissions(safariFolder, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(chrome, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(safariFolder),
                    "permissions do not stop this user (root?), so a folder macOS hides cannot be imitated here");

            List<BrowserProfile> amira = new MacProfileDiscovery(new HostRoot(root)).discover().stream()
                    .filter(p -> p.account().equals("amira")).toList();

            assertEquals(List.of("firefox", "firefox", "safari"), amira.stream().map(BrowserProfile::browser).toList());
            assertEquals(at("Users/amira/Library/Safari/History.db"), amira.get(2).historyFile());
        } finally {
            Files.setPosixFilePermissions(safariFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(chrome, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void profilesIniCannotPointIntoAnotherPersonsHome() throws IOException {
        file("Users/ben/Library/Application Support/Firefox/profiles.ini",
                "[Profile0]\nName=borrowed\nIsRelative=0\nPath=/Users/amira/FirefoxProfiles/homework\n");

        List<String> firefox = new MacProfileDiscovery(new HostRoot(root)).discover().stream()
                .filter(p -> p.browser().equals("firefox")).map(p -> p.account() + "/" + p.name()).toList();

        assertEquals(List.of("amira/default-release", "amira/Homework"), firefox);
    }

    @Test
    void notAMacRootIsAnErrorSayingSo(@TempDir Path empty) {
        IOException e = assertThrows(IOException.class, () -> new MacProfileDiscovery(new HostRoot(empty)).discover());
        assertTrue(e.getMessage().startsWith("/Users does not exist under "), e.getMessage());
    }

    @Test
    void aBrowserFolderLinkedIntoAnotherPersonsHomeIsSkipped() throws IOException {
        // Guest links its Chrome folder to amira's: read as root, amira's history would be reported as Guest's
        Path guestChrome = root.resolve("Users/Guest/Library/Application Support/Google/Chrome");
        Files.createDirectories(guestChrome.getParent());
        try {
            Files.createSymbolicLink(guestChrome, root.resolve(SUPPORT + "Google/Chrome"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.assumeTrue(false, "this file system cannot make symbolic links: " + e.getMessage());
        }
        List<String> guest = new MacProfileDiscovery(new HostRoot(root)).discover().stream()
                .filter(p -> p.account().equals("Guest")).map(BrowserProfile::browser).toList();
        assertEquals(List.of("safari"), guest);
    }

    @Test
    void symbolicLinkInPlaceOfSafariHistoryIsNotFollowed() throws IOException {
        Path history = root.resolve("Users/Guest/Library/Safari/History.db");
        Files.delete(history);
        try {
            Files.createSymbolicLink(history, root.resolve("Users/amira/Library/Safari/History.db"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.assumeTrue(false, "this file system cannot make symbolic links: " + e.getMessage());
        }
        List<String> guest = new MacProfileDiscovery(new HostRoot(root)).discover().stream()
                .filter(p -> p.account().equals("Guest")).map(BrowserProfile::browser).toList();
        assertEquals(List.of(), guest);
    }

    private Path at(String path) {
        return root.resolve(path);
    }

    private void file(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void database(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, SQLITE_HEADER);
    }
}
