package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** profiles.ini as Firefox writes it. */
class FirefoxProfilesIniTest {
    @Test
    void readsTheProfilesFirefoxEsr153Wrote() throws Exception {
        // Written by firefox-esr 153 -CreateProfile on Debian 12 into ~/.config/mozilla/firefox (absolute path
        // moved under the fixture's home).
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(
                FixtureDatabase.resource("/fixtures/linux/history/profiles-ini-firefox-esr153-xdg.ini"));

        assertEquals(List.of(
                new FirefoxProfilesIni.Entry("default-esr", "qzi088yp.default-esr", true),
                new FirefoxProfilesIni.Entry("second", "/home/pupil/elsewhere/second.profile", false),
                new FirefoxProfilesIni.Entry("school", "gyjo0plk.school", true)), ini.profiles());
    }

    @Test
    void installGeneralAndIncompleteSectionsNameNoProfile() throws Exception {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(
                FixtureDatabase.resource("/fixtures/linux/history/profiles-ini-classic-mozilla.ini")
                        + "\n[Profile7]\nName=NoPath\n\n[Profile8]\nPath=nameless.folder\n; a comment\n");

        assertEquals(List.of(
                new FirefoxProfilesIni.Entry("default", "k9x2m1qq.default", true),
                new FirefoxProfilesIni.Entry("default-esr", "abcd1234.default-esr", true),
                new FirefoxProfilesIni.Entry("nameless.folder", "nameless.folder", true)), ini.profiles());
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreRead() throws Exception {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("\uFEFF"
                + FixtureDatabase.resource("/fixtures/linux/history/profiles-ini-crlf.ini"));

        assertEquals(List.of(new FirefoxProfilesIni.Entry("Work", "Profiles/w0rk.default", true)), ini.profiles());
    }

    @Test
    void anOverlongNameIsCutToWhatAFolderNameCouldHold() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("[Profile0]\nName=" + "x".repeat(100_000)
                + "\nIsRelative=1\nPath=abc.default\n");

        assertEquals("x".repeat(FirefoxProfilesIni.MAX_NAME), ini.profiles().get(0).name());
    }

    @Test
    void moreProfilesThanAnyoneKeepsAreLeftOutAndThatIsSaid() {
        StringBuilder ini = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ini.append("[Profile").append(i).append("]\nName=p").append(i).append("\nIsRelative=1\nPath=p")
                    .append(i).append("\n\n");
        }
        FirefoxProfilesIni parsed = FirefoxProfilesIni.parse(ini.toString());
        org.junit.jupiter.api.Assertions.assertEquals(FirefoxProfilesIni.MAX_PROFILES, parsed.profiles().size());
        org.junit.jupiter.api.Assertions.assertTrue(parsed.problems().contains("more than 64 [ProfileN] sections,"
                + " more than anyone keeps; those after Profile63 are left out"), parsed.problems().toString());
    }
}
