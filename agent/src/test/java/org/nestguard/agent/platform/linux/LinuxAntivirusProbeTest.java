package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.AntivirusProduct;

/**
 * Fixture formats: CVD/CLD headers are built here in ClamAV's documented layout (512 bytes, space padded,
 * "ClamAV-VDB:build time:version:signatures:functionality:md5:dsig:builder:stime", build time "14 Nov 2025 09-27 +0000");
 * `systemctl is-active` answers are its documented one-word outputs. ClamAV is not installed on this machine.
 */
class LinuxAntivirusProbeTest {
    @TempDir
    Path dir;

    static byte[] cvd(String buildTime, int version) {
        byte[] header = new byte[CvdHeader.SIZE + 64];
        Arrays.fill(header, 0, CvdHeader.SIZE, (byte) ' ');
        byte[] text = ("ClamAV-VDB:" + buildTime + ":" + version + ":2078451:90:b5f9d3a1c0e1f2a3b4c5d6e7f8091a2b:"
                + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789:raynman:1763112420").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        return header; // the gzip'd tar that follows the header is irrelevant here
    }

    @Test
    void noClamavMeansNoProductAtAll() throws Exception {
        assertTrue(new LinuxAntivirusProbe(new HostTree(dir).dir("/usr/bin").root(), new FixtureCommandRunner(), false)
                .products().isEmpty());
    }

    @Test
    void runningDaemonAndNewestDailyDatabase() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/sbin/clamd", "").file("/usr/bin/freshclam", "")
                .file("/run/systemd/system/.keep", "")
                .bytes("/var/lib/clamav/daily.cld", cvd("14 Nov 2025 09-27 +0000", 27823))
                .bytes("/var/lib/clamav/daily.cvd", cvd("2 Nov 2025 08-10 +0000", 27811))
                .bytes("/var/lib/clamav/main.cvd", cvd("16 Sep 2021 08-32 -0400", 62));
        FixtureCommandRunner runner = new FixtureCommandRunner()
                .answer("systemctl is-active clamav-daemon.service", 0, "active\n", "")
                .answer("systemctl is-active clamav-freshclam.service", 0, "active\n", "")
                .answer("systemctl is-active clamav-clamonacc.service", 3, "inactive\n", "");
        AntivirusProduct clamav = new LinuxAntivirusProbe(tree.root(), runner, true).products().get(0);
        assertEquals("ClamAV", clamav.name());
        assertEquals(Boolean.TRUE, clamav.enabled());
        assertEquals(AntivirusProduct.RealTime.ON_DEMAND_ONLY, clamav.realTime(), "clamonacc is not running");
        assertEquals(Instant.parse("2025-11-14T09:27:00Z"), clamav.signaturesUpdated());
        assertEquals("daily 27823", clamav.signatureVersion());
        assertTrue(clamav.source().contains("/var/lib/clamav/main.cvd built 2021-09-16T12:32:00Z"), clamav.source());
    }

    @Test
    void offlineUsesEnabledUnitsAndReportsAMissingDatabase() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/bin/clamscan", "");
        Files.createDirectories(dir.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(dir.resolve("etc/systemd/system/multi-user.target.wants/clamav-daemon.service"),
                Path.of("/lib/systemd/system/clamav-daemon.service"));
        AntivirusProduct clamav = new LinuxAntivirusProbe(tree.root(), new FixtureCommandRunner(), false).products().get(0);
        assertEquals(Boolean.TRUE, clamav.enabled());
        assertNull(clamav.signaturesUpdated());
        assertTrue(clamav.source().contains("signature date unknown"));
        assertTrue(clamav.source().contains("enabled is not proof that it runs now"));
    }

    @Test
    void brokenHeaderIsReportedNotGuessed() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/bin/clamscan", "")
                .file("/var/lib/clamav/daily.cvd", "<html>proxy error</html>");
        AntivirusProduct clamav = new LinuxAntivirusProbe(tree.root(), new FixtureCommandRunner(), false).products().get(0);
        assertNull(clamav.signaturesUpdated());
        assertTrue(clamav.source().contains("daily.cvd header not readable: not a ClamAV-VDB header"), clamav.source());
        assertThrows(IllegalArgumentException.class, () -> CvdHeader.parse(cvd("14 Nov 2025 09:27 +0000", 1)));
    }
}
