package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.UserProfile;

/** Discovery over a temporary folder laid out as a Windows system drive ({@code C:\}). */
class WindowsProfileDiscoveryTest {
    // the two people in fixtures/windows/reg-export-profilelist.reg
    private static final UserProfile PATEL =
            new UserProfile("S-1-5-21-1004336348-1177238915-682003330-1001", "mrs.patel", "C:\\Users\\mrs.patel", true);
    private static final UserProfile CLASSROOM =
            new UserProfile("S-1-5-21-1004336348-1177238915-682003330-1002", "classroom", "C:\\Users\\classroom", false);
    private static final String CHROME = "Users/mrs.patel/AppData/Local/Google/Chrome/User Data";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path drive;

    @BeforeEach
    void layOutTheDrive() throws IOException {
        file(CHROME + "/Local State", HistoryFixtures.text("windows", "chrome-local-state.json"));
        database(CHROME + "/Default/History");
        file(CHROME + "/Default/Preferences", "{}");
        database(CHROME + "/Profile 1/History");
        file(CHROME + "/Profile 1/Secure Preferences", "{}");
        file(CHROME + "/Profile 3/Preferences", "{}"); // never browsed: no History yet
        database(CHROME + "/Exams/History"); // a --profile-directory profile: Local State names it
        database(CHROME + "/Guest Profile/History");
        database(CHROME + "/System Profile/History");
        database(CHROME + "/Snapshots/134.0.6998.89/Default/History"); // a backup, not a profile
        database("Users/mrs.patel/AppData/Local/Microsoft/Edge/User Data/Default/History");
        file("Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/profiles.ini",
                HistoryFixtures.text("windows", "firefox-profiles.ini"));
        database("Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/Profiles/k3j2l1m0.default-release/places.sqlite");
        Files.createDirectories(drive.resolve("Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/Profiles/a1b2c3d4.default"));
        database("Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/Profiles/x9y8z7w6.old/places.sqlite");

        database("Users/classroom/AppData/Local/BraveSoftware/Brave-Browser/User Data/Default/History");
        database("Users/classroom/AppData/Local/Chromium/User Data/Profile 2/History");
        String store = "Users/classroom/AppData/Local/Packages/Mozilla.Firefox_n80bbvh6b1yt2/LocalCache/Roaming/Mozilla/Firefox";
        file(store + "/profiles.ini", HistoryFixtures.text("windows", "firefox-store-profiles.ini"));
        database("Users/classroom/Documents/Firefox Coursework/places.sqlite");
    }

    @Test
    void findsEveryBrowserProfileOfEveryPerson() throws IOException {
        List<BrowserProfile> found = new WindowsProfileDiscovery(drive, () -> List.of(PATEL, CLASSROOM)).discover();

        assertEquals(List.of(
                chromium("chrome", "mrs.patel", "Default", CHROME + "/Default/History"),
                chromium("chrome", "mrs.patel", "Exams", CHROME + "/Exams/History"),
                chromium("chrome", "mrs.patel", "Guest Profile", CHROME + "/Guest Profile/History"),
                chromium("chrome", "mrs.patel", "Profile 1", CHROME + "/Profile 1/History"),
                chromium("edge", "mrs.patel", "Default",
                        "Users/mrs.patel/AppData/Local/Microsoft/Edge/User Data/Default/History"),
                firefox("mrs.patel", "default-release",
                        "Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/Profiles/k3j2l1m0.default-release/places.sqlite"),
                firefox("mrs.patel", "x9y8z7w6.old",
                        "Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/Profiles/x9y8z7w6.old/places.sqlite"),
                chromium("brave", "classroom", "Default",
                        "Users/classroom/AppData/Local/BraveSoftware/Brave-Browser/User Data/Default/History"),
                chromium("chromium", "classroom", "Profile 2",
                        "Users/classroom/AppData/Local/Chromium/User Data/Profile 2/History"),
                firefox("classroom", "Coursework", "Users/classroom/Documents/Firefox Coursework/places.sqlite")),
                found);
    }

    @Test
    void templateAndSharedProfilesAreNotPeople() throws IOException {
        database("Users/Default/AppData/Local/Google/Chrome/User Data/Default/History");
        database("Users/Public/AppData/Local/Google/Chrome/User Data/Default/History");
        UserProfile template = new UserProfile("S-1-5-21-1-2-3-1010", "Default", "C:\\Users\\Default", false);
        UserProfile shared = new UserProfile("S-1-5-21-1-2-3-1011", "Public", "%SystemDrive%\\Users\\Public", false);

        assertEquals(List.of(), new WindowsProfileDiscovery(drive, () -> List.of(template, shared)).discover());
    }

    @Test
    void profilePathWithSystemDriveVariableOrForwardSlashesIsFound() throws IOException {
        UserProfile viaVariable = new UserProfile(PATEL.sid(), "mrs.patel", "%SystemDrive%\\Users\\mrs.patel", true);
        UserProfile lowerCaseDrive = new UserProfile(CLASSROOM.sid(), "classroom", "c:/Users/classroom/", false);

        List<BrowserProfile> found =
                new WindowsProfileDiscovery(drive, () -> List.of(viaVariable, lowerCaseDrive)).discover();

        assertEquals(10, found.size());
    }

    @Test
    void usersWithoutAFolderOrPathHaveNoProfiles() throws IOException {
        UserProfile gone = new UserProfile("S-1-5-21-1-2-3-1020", "leaver", "C:\\Users\\leaver", false);
        UserProfile noPath = new UserProfile("S-1-5-21-1-2-3-1021", "S-1-5-21-1-2-3-1021", "", false);

        assertEquals(List.of(), new WindowsProfileDiscovery(drive, () -> List.of(gone, noPath)).discover());
    }

    @Test
    void malformedLocalStateFallsBackToTheFoldersOnDisk() throws IOException {
        file(CHROME + "/Local State", "{\"profile\":{\"info_cache\":{\"Default\":");

        List<String> names = new WindowsProfileDiscovery(drive, () -> List.of(PATEL)).discover().stream()
                .filter(p -> p.browser().equals("chrome")).map(BrowserProfile::name).toList();

        // Exams has no Preferences and only Local State named it; the rest are recognised on disk
        assertEquals(List.of("Default", "Guest Profile", "Profile 1"), names);
    }

    @Test
    void symbolicLinkInPlaceOfHistoryIsNotFollowed() throws IOException {
        Path history = drive.resolve(CHROME + "/Profile 1/History");
        Files.delete(history);
        Path secret = Files.writeString(drive.resolve("Windows-System32-config-SAM"), "not a browser's");
        try {
            Files.createSymbolicLink(history, secret);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.assumeTrue(false, "this file system cannot make symbolic links: " + e.getMessage());
        }

        List<String> names = new WindowsProfileDiscovery(drive, () -> List.of(PATEL)).discover().stream()
                .filter(p -> p.browser().equals("chrome")).map(BrowserProfile::name).toList();

        assertEquals(List.of("Default", "Exams", "Guest Profile"), names);
    }

    @Test
    void aProfileFolderLinkedIntoAnotherPersonsHomeIsSkipped() throws IOException {
        // classroom (a learner's account) makes its Chrome Default a junction to the teacher's Default: read as
        // SYSTEM, her history would be reported as the learner's
        Path classroomDefault = drive.resolve("Users/classroom/AppData/Local/Google/Chrome/User Data/Default");
        Files.createDirectories(classroomDefault.getParent());
        try {
            Files.createSymbolicLink(classroomDefault, drive.resolve(CHROME + "/Default"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.assumeTrue(false, "this file system cannot make symbolic links: " + e.getMessage());
        }

        List<BrowserProfile> found = new WindowsProfileDiscovery(drive, () -> List.of(PATEL, CLASSROOM)).discover();

        assertTrue(found.stream().noneMatch(p -> p.account().equals("classroom") && p.browser().equals("chrome")),
                found.toString());
        assertTrue(found.stream().anyMatch(p -> p.account().equals("mrs.patel") && p.name().equals("Default")));
    }

    @Test
    void profilesIniCannotPointIntoAnotherPersonsHome() throws IOException {
        file("Users/mrs.patel/AppData/Roaming/Mozilla/Firefox/profiles.ini",
                HistoryFixtures.text("windows", "firefox-profiles.ini")
                        + "[Profile2]\r\nName=borrowed\r\nIsRelative=0\r\n"
                        + "Path=C:\\Users\\classroom\\Documents\\Firefox Coursework\r\n");

        List<BrowserProfile> firefox = new WindowsProfileDiscovery(drive, () -> List.of(PATEL, CLASSROOM)).discover()
                .stream().filter(p -> p.browser().equals("firefox")).toList();

        assertEquals(List.of("mrs.patel/default-release", "mrs.patel/x9y8z7w6.old", "classroom/Coursework"),
                firefox.stream().map(p -> p.account() + "/" + p.name()).toList());
    }

    @Test
    void registryFailureIsAnIoErrorNamingTheProfileList() {
        WindowsProfileDiscovery discovery = new WindowsProfileDiscovery(drive, () -> {
            throw new ProbeException("access denied");
        });
        IOException e = assertThrows(IOException.class, discovery::discover);
        assertTrue(e.getMessage().contains("ProfileList: access denied"), e.getMessage());
    }

    @Test
    void otherDrivesAreUsedAsWrittenAndSystemDrivePathsGoUnderTheRoot() {
        WindowsProfileDiscovery discovery = new WindowsProfileDiscovery(drive, List::of);
        assertEquals(drive.resolve("Users").resolve("a"), discovery.onThisSystem("C:\\Users\\a"));
        assertEquals(drive.resolve("Users").resolve("a"), discovery.onThisSystem("%systemdrive%\\Users\\a\\"));
        assertEquals(Path.of("D:\\Profiles\\a"), discovery.onThisSystem("D:\\Profiles\\a"));
        assertEquals(null, discovery.onThisSystem("Users\\a"));
        assertEquals(null, discovery.onThisSystem(""));
    }

    private BrowserProfile chromium(String browser, String account, String name, String path) {
        return new BrowserProfile(browser, HistoryFormat.CHROMIUM, account, name, drive.resolve(path));
    }

    private BrowserProfile firefox(String account, String name, String path) {
        return new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, name,
                drive.resolve(path).toAbsolutePath().normalize());
    }

    private void file(String path, String text) throws IOException {
        Path file = drive.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void database(String path) throws IOException {
        Path file = drive.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, SQLITE_HEADER);
    }
}
