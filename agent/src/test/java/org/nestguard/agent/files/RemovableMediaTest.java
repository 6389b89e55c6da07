package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.platform.VolumeScanReport;
import org.nestguard.agent.platform.linux.ClamscanReport;
import org.nestguard.agent.platform.linux.LsblkVolumes;
import org.nestguard.agent.platform.macos.DiskutilVolume;
import org.nestguard.agent.platform.windows.MpCmdRunScanReport;
import org.nestguard.agent.platform.windows.RemovableVolumeRows;
import org.nestguard.protocol.files.RemovableScan;
import org.nestguard.protocol.files.RemovableWrite;
import org.nestguard.protocol.files.Volume;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.RemovableMediaRule;

/** Removable volumes: found from each OS's own output, scanned by its antivirus, and watched for children's data. */
class RemovableMediaTest {
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    @TempDir
    Path temp;

    static String fixture(String os, String name) throws IOException {
        try (InputStream in = RemovableMediaTest.class.getResourceAsStream("/fixtures/" + os + "/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + os + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void lsblkFindsMountedUsbAndSdVolumesOnly() throws Exception {
        List<Volume> volumes = LsblkVolumes.parse(fixture("linux", "lsblk-J-usb-stick-mounted.json"));
        // sda (internal) and the unmounted USB disk sdc1 are left out; mmcblk0 is a built-in eMMC (RM 0)
        assertEquals(List.of(new Volume("3A5F-9C21", "CLASS 3", "vfat", "/dev/sdb1", "/media/teacher/CLASS 3",
                "SanDisk Ultra Fit", "4C530001230918115064", 30764171264L)), volumes);
        List<Volume> old = LsblkVolumes.parse(fixture("linux", "lsblk-J-usb-stick-util-linux-2.33.json"));
        assertEquals(1, old.size());
        assertEquals("/media/pi/PHOTOS", old.get(0).mountPoint());
        assertEquals("Generic Flash Disk", old.get(0).vendorModel());
        assertEquals(8053063680L, old.get(0).sizeBytes());
    }

    @Test
    void windowsRemovableVolumesFromWin32Volume() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(fixture("windows", "wmi-win32-volume-usb-stick.json"))) {
            rows.add(new ObjectMapper().convertValue(row, Map.class));
        }
        List<Volume> volumes = RemovableVolumeRows.fromRows(rows);
        assertEquals(List.of(new Volume("3A5F-9C21", "CLASS 3", "FAT32", "E:", "E:\\", null, null, 30748590080L)),
                volumes, "the fixed disk, the DVD and the empty card reader are left out");
    }

    @Test
    void macosRemovableVolumeFromDiskutilInfo() throws Exception {
        Volume stick = DiskutilVolume.fromInfo(fixture("macos", "diskutil-info-usb-stick.plist"), "fixture")
                .orElseThrow();
        assertEquals(new Volume("0E0F7B2C-6B2E-3B3A-9A1C-4F5E6D7C8B9A", "CLASS 3", "msdos", "/dev/disk4s1",
                "/Volumes/CLASS 3", "SanDisk Ultra Fit", null, 30764171264L), stick);
        assertTrue(DiskutilVolume.fromInfo(fixture("macos", "diskutil-info-root.plist"), "fixture").isEmpty(),
                "the internal system volume is not removable");
    }

    @Test
    void clamscanOutputReadAsItsExitStatusSays() throws Exception {
        VolumeScanReport found = ClamscanReport.parse(1, fixture("linux", "clamscan-r-i-no-summary-eicar.txt"), "");
        assertEquals(RemovableScan.Outcome.THREATS, found.outcome());
        assertEquals(List.of("/media/teacher/CLASS 3/eicar.com: Win.Test.EICAR_HDB-1",
                "/media/teacher/CLASS 3/homework/notes: with colon.txt: Eicar-Signature"), found.threats());
        VolumeScanReport partly = ClamscanReport.parse(2, fixture("linux", "clamscan-r-i-no-summary-eicar.txt"),
                fixture("linux", "clamscan-stderr-access-denied.txt"));
        assertEquals(RemovableScan.Outcome.THREATS, partly.outcome(), "a threat is never hidden behind an error");
        assertTrue(partly.detail().contains("System Volume Information: Access denied. ERROR"), partly.detail());
        assertTrue(!partly.detail().contains("LibClamAV Warning"), partly.detail());
        assertEquals(RemovableScan.Outcome.CLEAN, ClamscanReport.parse(0, "", "").outcome());
        VolumeScanReport failed = ClamscanReport.parse(2, "", fixture("linux", "clamscan-stderr-no-database.txt"));
        assertEquals(RemovableScan.Outcome.FAILED, failed.outcome());
        assertTrue(failed.detail().contains("No supported database files found"), failed.detail());
    }

    @Test
    void defenderOutputReadWithItsThreatBlocks() throws Exception {
        VolumeScanReport found = MpCmdRunScanReport.parse(2, fixture("windows", "mpcmdrun-scan-file-e-threats.txt"));
        assertEquals(RemovableScan.Outcome.THREATS, found.outcome());
        assertEquals(List.of("E:\\eicar.com: Virus:DOS/EICAR_Test_File",
                "E:\\Homework\\eicar copy.com: Virus:DOS/EICAR_Test_File",
                "E:\\games\\setup.exe: Trojan:Win32/Wacatac.B!ml"), found.threats());
        assertTrue(found.detail().contains("found 2 threat(s)"), found.detail());
        VolumeScanReport clean = MpCmdRunScanReport.parse(0, fixture("windows", "mpcmdrun-scan-file-e-clean.txt"));
        assertEquals(RemovableScan.Outcome.CLEAN, clean.outcome());
        VolumeScanReport failed = MpCmdRunScanReport.parse(2, fixture("windows", "mpcmdrun-scan-file-e-failed.txt"));
        assertEquals(RemovableScan.Outcome.FAILED, failed.outcome());
        assertTrue(failed.detail().contains("0x80508023"), failed.detail());
    }

    @Test
    void scannersBuildTheRealCommandLines() {
        Volume stick = new Volume("3A5F-9C21", "CLASS 3", "FAT32", "E:", "E:\\", null, null, 1);
        List<List<String>> ran = new ArrayList<>();
        Path mpCmdRun = write("MpCmdRun.exe", "");
        RemovableScan scan = VolumeScanner.defender((command, timeout) -> {
            ran.add(command);
            return new CommandResult(command, 0, "Scan starting...\nScan finished.\nScanning E:\\ found no threats.\n",
                    "");
        }, mpCmdRun, Clock.systemUTC()).scan(stick);
        assertEquals(List.of(mpCmdRun.toString(), "-Scan", "-ScanType", "3", "-File", "E:\\", "-DisableRemediation"),
                ran.get(0));
        assertEquals(RemovableScan.Outcome.CLEAN, scan.outcome());
        assertEquals("MpCmdRun.exe", scan.scanner());
        RemovableScan none = VolumeScanner.clamscan((c, t) -> {
            throw new AssertionError("not run");
        }, temp.resolve("no-clamscan"), Clock.systemUTC()).scan(stick);
        assertEquals(RemovableScan.Outcome.NO_SCANNER, none.outcome());
        assertNull(none.scanner());
        assertTrue(none.detail().contains("not installed"), none.detail());
    }

    @Test
    void realClamscanFindsEicarOnAVolume() throws Exception {
        Path clamscan = Path.of("/usr/bin/clamscan");
        assumeTrue(Files.isExecutable(clamscan), "clamscan is not installed (Debian package clamav); the real scan of "
                + "a volume with the EICAR test file is skipped");
        assumeTrue(Files.isDirectory(Path.of("/var/lib/clamav")) && Files.list(Path.of("/var/lib/clamav"))
                .anyMatch(p -> p.toString().matches(".*\\.(cvd|cld)$")), "ClamAV has no signature database in "
                + "/var/lib/clamav (run freshclam); the real scan is skipped");
        Path stick = Files.createDirectories(temp.resolve("stick"));
        Files.writeString(stick.resolve("eicar.com"), EICAR);
        Volume volume = new Volume("TEST-0001", "STICK", "vfat", "/dev/null", stick.toString(), null, null, 0);
        RemovableScan scan = VolumeScanner.clamscan(new ProcessCommandRunner(), clamscan, Clock.systemUTC())
                .scan(volume);
        assertEquals(RemovableScan.Outcome.THREATS, scan.outcome(), scan.detail());
        assertTrue(scan.threats().get(0).startsWith(stick.resolve("eicar.com") + ": "), scan.threats().toString());
    }

    @Test
    void mountedVolumeIsScannedAndWatchedForChildrensData() throws Exception {
        AgentHome home = new AgentHome(temp.resolve("agent"));
        home.create();
        Path mount = Files.createDirectories(temp.resolve("media/CLASS 3"));
        Files.writeString(mount.resolve("already-there.pdf"), "%PDF-1.4 old");
        Volume stick = new Volume("3A5F-9C21", "CLASS 3", "vfat", "/dev/sdb1", mount.toString(), "SanDisk Ultra Fit",
                "4C53", 1);
        List<Volume> present = new CopyOnWriteArrayList<>(List.of(stick));
        List<Volume> scanned = new CopyOnWriteArrayList<>();
        VolumeScanner scanner = volume -> {
            scanned.add(volume);
            return new RemovableScan(volume, "clamscan", RemovableScan.Outcome.CLEAN, List.of(), "no threats",
                    java.time.Instant.now(), java.time.Instant.now());
        };
        try (Outbox outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
             RemovableMediaWatch watch = new RemovableMediaWatch(() -> List.copyOf(present), scanner, outbox,
                     Clock.systemUTC(), Duration.ofMillis(300))) {
            watch.apply(new RemovableMediaRule(true, true, true, List.of(new Clause("7.5", "scan before use"))));
            watch.poll();
            Files.write(mount.resolve("IMG_0042.JPG"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
            Files.createDirectories(mount.resolve("Reports"));
            Files.writeString(mount.resolve("Reports/Year 2 names.docx"), "PK\u0003\u0004" + "\0".repeat(26)
                    + "[Content_Types].xml");
            Files.writeString(mount.resolve("notes.bin"), "just bytes");
            Thread.sleep(2500); // the watch settles each file (0.3 s here) before judging it
            watch.poll();
            List<JsonNode> writes = events(outbox, RemovableWrite.TYPE);
            assertTrue(writes.isEmpty(), "writes are reported when the volume goes or has been quiet a minute");
            present.clear();
            watch.poll();
            writes = events(outbox, RemovableWrite.TYPE);
            assertEquals(1, writes.size());
            JsonNode write = writes.get(0);
            assertEquals(1, write.get("images").asInt());
            assertEquals(1, write.get("documents").asInt());
            assertEquals(0, write.get("videos").asInt());
            assertEquals("3A5F-9C21", write.at("/volume/id").asText());
            List<String> names = new ArrayList<>();
            write.get("names").forEach(n -> names.add(n.asText()));
            names.sort(null);
            assertEquals(List.of("IMG_0042.JPG", "Reports/Year 2 names.docx"), names);
            assertEquals(List.of(stick), scanned);
            assertEquals("clean", events(outbox, RemovableScan.TYPE).get(0).get("outcome").asText());
        }
    }

    private static List<JsonNode> events(Outbox outbox, String type) throws IOException {
        return outbox.pending(10_000, 64L << 20).stream().filter(e -> e.type().equals(type))
                .map(org.nestguard.protocol.wire.Event::payload).toList();
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(temp.resolve(name), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
