package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: softwareupdate-list-noscan-*.txt follow research §5 F11 (kolide update-available-noscan.txt and
 * no-update-available-noscan.txt: "* Label:" line, tab-indented "Title: ..., Version: ..." line with a trailing
 * ", "); the Safari/CLT/RSR entries reuse that layout with other labels (hand-written). softwareupdate prints English
 * whatever the locale; -localized.txt is hypothetical and must be an error, not "no updates". sw_vers-*.txt follow
 * sw_vers(1): "Key:" then tabs then the value; the 13.4.1 (c) one adds ProductVersionExtra and CRLF line ends.
 * softwareupdate-prefs.* are /Library/Preferences/com.apple.SoftwareUpdate.plist with the keys softwareupdated writes,
 * as XML and as a real binary plist (bplist00) of the same content, written with Python plistlib (not captured).
 */
class MacUpdateProbeTest {
    private static final String PREFS = MacUpdateProbe.PREFERENCES;

    @TempDir
    Path root;

    private MacUpdateProbe probe(FakeCommandRunner runner) {
        return new MacUpdateProbe(runner, new HostRoot(root));
    }

    @Test
    void readsReleaseWithMajorVersionForLifecycle() throws ProbeException {
        OsRelease release = probe(new FakeCommandRunner().stdout("sw_vers", "sw_vers-15.txt")).release();
        assertEquals("macos", release.family());
        assertEquals("macOS 15.1.1 Sequoia", release.name());
        assertEquals("15", release.version());
        assertEquals("24B91", release.build());
    }

    @Test
    void readsRapidSecurityResponseLetterWithCrlf() throws ProbeException {
        OsRelease release = probe(
                new FakeCommandRunner().stdout("sw_vers", "sw_vers-13-rsr-crlf.txt")).release();
        assertEquals("macOS 13.4.1 (c) Ventura", release.name());
        assertEquals("13", release.version());
        assertEquals("22F770820d", release.build());
    }

    @Test
    void pendingUpdatesMarkMacOsReleasesAsSecurityButNotApps() throws ProbeException {
        List<PendingUpdate> pending = probe(new FakeCommandRunner().stdout(
                "softwareupdate --list --no-scan", "softwareupdate-list-noscan-available.txt")).pending().updates();

        assertEquals(3, pending.size());
        PendingUpdate macos = pending.get(0);
        assertEquals("macOS Sequoia 15.1.1", macos.name());
        assertEquals("15.1.1", macos.version());
        assertTrue(macos.security());
        assertNull(macos.availableSince(), "macOS does not say when an update appeared");
        assertTrue(macos.source().contains("macOS Sequoia 15.1.1-24B91"), macos.source());
        assertFalse(pending.get(1).security(), "Safari is not counted as a security update by name");
        assertFalse(pending.get(2).security());
    }

    @Test
    void rapidSecurityResponseIsSecurity() throws ProbeException {
        List<PendingUpdate> pending = probe(new FakeCommandRunner().stdout(
                "softwareupdate --list --no-scan", "softwareupdate-list-noscan-rsr.txt")).pending().updates();
        assertEquals("Rapid Security Response", pending.get(0).name());
        assertTrue(pending.get(0).security());
    }

    @Test
    void noUpdatesOnStderrIsAnEmptyList() throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .stderr("softwareupdate --list --no-scan", "softwareupdate-list-noscan-none-stderr.txt");
        assertTrue(probe(runner).pending().updates().isEmpty());
    }

    @Test
    void unrecognisedOutputIsAnErrorNotUpToDate() {
        FakeCommandRunner runner = new FakeCommandRunner()
                .stdout("softwareupdate --list --no-scan", "softwareupdate-list-noscan-localized.txt");
        ProbeException e = assertThrows(ProbeException.class, () -> probe(runner).pending().updates());
        assertTrue(e.getMessage().contains("Logiciel introuvable"), e.getMessage());
        assertThrows(ProbeException.class, () -> probe(new FakeCommandRunner()).release());
    }

    @Test
    void catalogueAgeIsTheLatestSuccessfulCheckInTheXmlPreferences() throws ProbeException {
        FakeCommandRunner.place(root, PREFS, "softwareupdate-prefs.plist");
        PendingUpdates pending = probe(new FakeCommandRunner().stderr("softwareupdate --list --no-scan",
                "softwareupdate-list-noscan-none-stderr.txt")).pending();
        assertEquals(Instant.parse("2024-11-20T07:03:10Z"), pending.catalogRefreshed(),
                "LastSuccessfulDate is later than LastFullSuccessfulDate");
        assertTrue(pending.catalogSource().contains("LastSuccessfulDate"), pending.catalogSource());
    }

    @Test
    void catalogueAgeFromBinaryPreferencesViaPlutil() throws ProbeException {
        FakeCommandRunner.place(root, PREFS, "softwareupdate-prefs.bplist");
        FakeCommandRunner runner = new FakeCommandRunner()
                .stderr("softwareupdate --list --no-scan", "softwareupdate-list-noscan-none-stderr.txt")
                .stdout("plutil -convert xml1 -o - " + root.resolve(PREFS.substring(1)), "softwareupdate-prefs.plist");
        assertEquals(Instant.parse("2024-11-20T07:03:10Z"), probe(runner).pending().catalogRefreshed());
    }

    @Test
    void catalogueAgeIsNullWhenNotRecordedOrUnreadable() throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .stderr("softwareupdate --list --no-scan", "softwareupdate-list-noscan-none-stderr.txt");
        PendingUpdates absent = probe(runner).pending();
        assertNull(absent.catalogRefreshed());
        assertTrue(absent.catalogSource().contains("does not exist"), absent.catalogSource());

        FakeCommandRunner.place(root, PREFS, "softwareupdate-prefs-never-checked.plist");
        PendingUpdates never = probe(runner).pending();
        assertNull(never.catalogRefreshed());
        assertTrue(never.catalogSource().contains("no recorded successful check"), never.catalogSource());

        FakeCommandRunner.place(root, PREFS, "softwareupdate-prefs.bplist"); // binary, and no plutil answers
        PendingUpdates unreadable = probe(runner).pending();
        assertNull(unreadable.catalogRefreshed());
        assertTrue(unreadable.catalogSource().contains("unreadable"), unreadable.catalogSource());
    }
}
