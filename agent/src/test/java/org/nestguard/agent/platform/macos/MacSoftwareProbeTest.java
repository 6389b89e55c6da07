package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InstalledApp;

/**
 * Fixture formats: app-info-*.plist are XML Info.plist files with the CFBundle keys Xcode writes; app-info-binary.bplist
 * starts with the "bplist00" magic of a binary plist, and app-info-binary-converted.plist is what
 * `plutil -convert xml1 -o - FILE` prints for it (Apple's XML plist). Hand-written; the French-named folder shows that
 * the display name comes from the bundle, not the localized folder.
 */
class MacSoftwareProbeTest {
    @TempDir
    Path root;

    private InstalledApp named(List<InstalledApp> apps, String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + apps));
    }

    @Test
    void listsSystemMachineAndUserApps() throws Exception {
        FakeCommandRunner.place(root, "/System/Applications/Calculator.app/Contents/Info.plist",
                "app-info-calculator.plist");
        FakeCommandRunner.place(root, "/Applications/Safari.app/Contents/Info.plist", "app-info-safari.plist");
        FakeCommandRunner.place(root, "/Applications/Navigateur Chrome.app/Contents/Info.plist",
                "app-info-chrome-fr.plist");
        FakeCommandRunner.place(root, "/Applications/Utilities/Scratch 3.app/Contents/Info.plist",
                "app-info-scratch.plist");
        FakeCommandRunner.place(root, "/Users/ada/Applications/Firefox.app/Contents/Info.plist",
                "plist-info-firefox.xml");
        Files.createDirectories(root.resolve("Applications/Broken.app/Contents"));
        Path bin = root.resolve("Applications/Microsoft Word.app/Contents/Info.plist");
        FakeCommandRunner.place(root, "/Applications/Microsoft Word.app/Contents/Info.plist", "app-info-binary.bplist");
        FakeCommandRunner runner = new FakeCommandRunner().answer("plutil -convert xml1 -o - " + bin, 0,
                FakeCommandRunner.fixture("app-info-binary-converted.plist"), "");

        List<InstalledApp> apps = new MacSoftwareProbe(runner, new HostRoot(root)).installed().apps();

        assertEquals(7, apps.size(), apps.toString());
        assertTrue(named(apps, "Calculator").osComponent());
        InstalledApp safari = named(apps, "Safari");
        assertTrue(safari.osComponent(), "Apple's Safari in /Applications is an OS component");
        assertEquals("17.6", safari.version());
        InstalledApp chrome = named(apps, "Google Chrome");
        assertFalse(chrome.osComponent());
        assertEquals("131.0.6778.86", chrome.version());
        assertTrue(chrome.source().contains("com.google.Chrome"), chrome.source());
        assertEquals("3.29.1", named(apps, "Scratch 3").version());
        InstalledApp firefox = named(apps, "Firefox");
        assertEquals("ada", firefox.user());
        assertEquals("16.91", named(apps, "Microsoft Word").version());
        InstalledApp broken = named(apps, "Broken");
        assertNull(broken.version());
        assertTrue(broken.source().contains("no Contents/Info.plist"), broken.source());
    }

    @Test
    void binaryPlistWithoutPlutilIsListedWithTheReason() throws Exception {
        FakeCommandRunner.place(root, "/Applications/Microsoft Word.app/Contents/Info.plist", "app-info-binary.bplist");

        InstalledApp word = new MacSoftwareProbe(new FakeCommandRunner(), new HostRoot(root)).installed().apps().get(0);

        assertEquals("Microsoft Word", word.name());
        assertNull(word.version());
        assertTrue(word.source().contains("unreadable"), word.source());
    }

    @Test
    void notAMacRootIsAProbeException() {
        assertThrows(Exception.class,
                () -> new MacSoftwareProbe(new FakeCommandRunner(), new HostRoot(root)).installed().apps());
    }
}
