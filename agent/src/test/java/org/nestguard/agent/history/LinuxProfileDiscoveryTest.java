package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;

/** Discovery on file trees laid out as on Debian and Ubuntu, with snap and flatpak browsers. */
class LinuxProfileDiscoveryTest {
    @TempDir
    Path root;

    @Test
    void findsEveryBrowserProfileOfEveryAccountIncludingSnapAndFlatpak() throws Exception {
        file("/etc/passwd", FixtureDatabase.resource("/fixtures/linux/history/etc-passwd-debian-laptop.txt"));
        dir("/var/lib/gdm3");
        // root browses with Debian's chromium
        file("/root/.config/chromium/Default/History", "");
        // teacher: Google Chrome with two profiles and folders that are not profiles; Firefox ESR in ~/.mozilla
        file("/home/teacher/.config/google-chrome/Default/History", "");
        file("/home/teacher/.config/google-chrome/Default/Preferences", "{}");
        file("/home/teacher/.config/google-chrome/Profile 1/History", "");
        file("/home/teacher/.config/google-chrome/System Profile/Preferences", "{}");
        dir("/home/teacher/.config/google-chrome/Crashpad");
        file("/home/teacher/.config/google-chrome/Local State", "{}");
        file("/home/teacher/.mozilla/firefox/profiles.ini",
                FixtureDatabase.resource("/fixtures/linux/history/profiles-ini-classic-mozilla.ini"));
        file("/home/teacher/.mozilla/firefox/abcd1234.default-esr/places.sqlite", "");
        dir("/home/teacher/.mozilla/firefox/k9x2m1qq.default"); // listed, never started: no places.sqlite yet
        file("/home/teacher/.mozilla/firefox/made-by-hand/places.sqlite", "");
        // pupil on Ubuntu: snap Chromium and Firefox, flatpak Brave and Firefox, Edge, and Firefox 147's XDG folder
        file("/home/pupil/snap/chromium/common/chromium/Default/History", "");
        file("/home/pupil/snap/firefox/common/.mozilla/firefox/profiles.ini",
                "[Profile0]\nName=default\nIsRelative=1\nPath=p4q8r2st.default\nDefault=1\n");
        file("/home/pupil/snap/firefox/common/.mozilla/firefox/p4q8r2st.default/places.sqlite", "");
        file("/home/pupil/snap/brave/412/.config/BraveSoftware/Brave-Browser/Default/History", "");
        file("/home/pupil/snap/brave/413/.config/BraveSoftware/Brave-Browser/Default/History", "");
        Files.createSymbolicLink(root.resolve("home/pupil/snap/brave/current"), Path.of("413"));
        file("/home/pupil/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser/Default/History", "");
        file("/home/pupil/.var/app/org.mozilla.firefox/.mozilla/firefox/f1a7pak0.default-release/places.sqlite", "");
        file("/home/pupil/.config/microsoft-edge/Default/History", "");
        file("/home/pupil/.config/mozilla/firefox/profiles.ini",
                FixtureDatabase.resource("/fixtures/linux/history/profiles-ini-firefox-esr153-xdg.ini"));
        file("/home/pupil/.config/mozilla/firefox/gyjo0plk.school/places.sqlite", "");
        file("/home/pupil/elsewhere/second.profile/places.sqlite", "");
        // an account from the school's directory (sssd): in /home but not in /etc/passwd
        file("/home/j.smith/.config/chromium/Default/History", "");

        List<BrowserProfile> found = new LinuxProfileDiscovery(new HostRoot(root)).discover();

        assertEquals(List.of(
                chromium("chromium", "root", "Default", "/root/.config/chromium/Default/History"),
                chromium("chrome", "teacher", "Default", "/home/teacher/.config/google-chrome/Default/History"),
                chromium("chrome", "teacher", "Profile 1", "/home/teacher/.config/google-chrome/Profile 1/History"),
                firefox("teacher", "default-esr", "/home/teacher/.mozilla/firefox/abcd1234.default-esr"),
                firefox("teacher", "made-by-hand", "/home/teacher/.mozilla/firefox/made-by-hand"),
                chromium("edge", "pupil", "Default", "/home/pupil/.config/microsoft-edge/Default/History"),
                chromium("brave", "pupil", "Default",
                        "/home/pupil/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser/Default/History"),
                chromium("brave", "pupil", "Default",
                        "/home/pupil/snap/brave/current/.config/BraveSoftware/Brave-Browser/Default/History"),
                chromium("chromium", "pupil", "Default", "/home/pupil/snap/chromium/common/chromium/Default/History"),
                firefox("pupil", "second", "/home/pupil/elsewhere/second.profile"),
                firefox("pupil", "school", "/home/pupil/.config/mozilla/firefox/gyjo0plk.school"),
                firefox("pupil", "default", "/home/pupil/snap/firefox/common/.mozilla/firefox/p4q8r2st.default"),
                firefox("pupil", "f1a7pak0.default-release",
                        "/home/pupil/.var/app/org.mozilla.firefox/.mozilla/firefox/f1a7pak0.default-release"),
                chromium("chromium", "j.smith", "Default", "/home/j.smith/.config/chromium/Default/History")),
                found);
    }

    @Test
    void aProfilePointingIntoAnotherAccountsHomeIsLeftToThatAccount() throws Exception {
        file("/etc/passwd", FixtureDatabase.resource("/fixtures/linux/history/etc-passwd-debian-laptop.txt"));
        file("/home/teacher/.mozilla/firefox/abcd1234.default-esr/places.sqlite", "");
        // the pupil lists the teacher's profile by absolute path, and links a Chrome profile to the teacher's
        file("/home/pupil/.mozilla/firefox/profiles.ini", "[Profile0]\nName=borrowed\nIsRelative=0\n"
                + "Path=/home/teacher/.mozilla/firefox/abcd1234.default-esr\n");
        file("/home/teacher/.config/google-chrome/Default/History", "");
        dir("/home/pupil/.config/google-chrome");
        Files.createSymbolicLink(root.resolve("home/pupil/.config/google-chrome/Default"),
                root.resolve("home/teacher/.config/google-chrome/Default"));

        List<BrowserProfile> found = new LinuxProfileDiscovery(new HostRoot(root)).discover();

        assertEquals(List.of(
                chromium("chrome", "teacher", "Default", "/home/teacher/.config/google-chrome/Default/History"),
                firefox("teacher", "abcd1234.default-esr", "/home/teacher/.mozilla/firefox/abcd1234.default-esr")),
                found);
    }

    @Test
    void withoutAPasswdFileTheHomeFoldersAndRootAreSearched() throws Exception {
        file("/root/.mozilla/firefox/r00t.default/places.sqlite", "");
        file("/home/alice/.config/google-chrome/Default/History", "");
        file("/home/bob/.config/chromium/Profile 3/History", "");

        List<BrowserProfile> found = new LinuxProfileDiscovery(new HostRoot(root)).discover();

        assertEquals(List.of(
                firefox("root", "r00t.default", "/root/.mozilla/firefox/r00t.default"),
                chromium("chrome", "alice", "Default", "/home/alice/.config/google-chrome/Default/History"),
                chromium("chromium", "bob", "Profile 3", "/home/bob/.config/chromium/Profile 3/History")), found);
    }

    @Test
    void aMachineWithoutBrowsersHasNoProfiles() throws Exception {
        file("/etc/passwd", FixtureDatabase.resource("/fixtures/linux/history/etc-passwd-debian-laptop.txt"));
        dir("/home/teacher/.config");

        assertEquals(List.of(), new LinuxProfileDiscovery(new HostRoot(root)).discover());
    }

    private BrowserProfile chromium(String browser, String account, String name, String file) {
        return new BrowserProfile(browser, HistoryFormat.CHROMIUM, account, name, root.resolve(file.substring(1)));
    }

    private BrowserProfile firefox(String account, String name, String folder) {
        return new BrowserProfile("firefox", HistoryFormat.FIREFOX, account, name,
                root.resolve(folder.substring(1)).resolve("places.sqlite"));
    }

    private void file(String path, String text) throws IOException {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void dir(String path) throws IOException {
        Files.createDirectories(root.resolve(path.substring(1)));
    }
}
