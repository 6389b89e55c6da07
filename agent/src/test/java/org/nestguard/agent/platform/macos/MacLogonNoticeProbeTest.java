package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: PolicyBanner.rtf is written in the layout TextEdit saves (cocoartf header, font/colour tables,
 * \'hh and backslash-u escapes, backslash-newline paragraph breaks) from Apple's RTF output as documented; PolicyBanner-crlf.txt
 * is plain text with CRLF ends; defaults-read-*.txt follow `defaults read` (value on stdout; a missing key prints
 * "The domain/default pair of (...) does not exist" on stderr and exits 1). The German text shows a localized banner.
 */
class MacLogonNoticeProbeTest {
    private static final String DEFAULTS = "defaults read /Library/Preferences/com.apple.loginwindow LoginwindowText";

    @TempDir
    Path root;

    private FakeCommandRunner noMessage() {
        return new FakeCommandRunner().answer(DEFAULTS, 1, "",
                FakeCommandRunner.fixture("defaults-read-missing-key.txt"));
    }

    @Test
    void noBannerAndNoMessageIsEmpty() throws ProbeException {
        assertTrue(new MacLogonNoticeProbe(noMessage(), new HostRoot(root)).notices().isEmpty());
    }

    @Test
    void plainTextBannerAndLocalizedMessage() throws ProbeException {
        FakeCommandRunner.place(root, "/Library/Security/PolicyBanner.txt", "PolicyBanner-crlf.txt");
        FakeCommandRunner runner = new FakeCommandRunner().stdout(DEFAULTS, "defaults-read-loginwindowtext-de.txt");

        List<LogonNotice> notices = new MacLogonNoticeProbe(runner, new HostRoot(root)).notices();

        assertEquals(2, notices.size());
        assertEquals("This computer belongs to Ditton CE Junior School.\nAuthorised use only. Activity is monitored.",
                notices.get(0).text());
        assertEquals("/Library/Security/PolicyBanner.txt", notices.get(0).source());
        assertEquals("Schüler: Bitte melden Sie sich an.", notices.get(1).text());
        assertEquals(DEFAULTS, notices.get(1).source());
    }

    @Test
    void rtfdBannerIsReducedToItsText() throws ProbeException {
        FakeCommandRunner.place(root, "/Library/Security/PolicyBanner.rtfd/TXT.rtf", "PolicyBanner.rtf");

        LogonNotice notice = new MacLogonNoticeProbe(noMessage(), new HostRoot(root)).notices().get(0);

        assertEquals("Ditton CE Junior School – Acceptable Use\n"
                + "This device is monitored. Café Wi-Fi use is logged {see policy}.\nStraße: € 5.", notice.text());
        assertTrue(notice.source().endsWith("PolicyBanner.rtfd/TXT.rtf"));
    }

    @Test
    void failingDefaultsIsAProbeException() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(DEFAULTS, 1, "", "permission denied");
        assertThrows(ProbeException.class, () -> new MacLogonNoticeProbe(runner, new HostRoot(root)).notices());
    }
}
