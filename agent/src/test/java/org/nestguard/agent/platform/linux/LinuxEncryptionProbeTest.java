package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * Fixture formats: proc-self-mountinfo-debian12-vm is a real capture from this Debian 12 VM (one sandbox-only line
 * removed); the other mountinfo files follow proc(5) mountinfo with device numbers as the kernel assigns them
 * (254 = device-mapper, 259 = NVMe, 8 = SCSI); the docker one follows what a Docker container shows. Sysfs trees use
 * the real attribute names (dev, dm/uuid, dm/name, slaves/) with dm uuids in the form cryptsetup and LVM write.
 * lsblk-J-debian12-vm is a real capture here (no udev, so FSTYPE is null); lsblk-J-ubuntu-luks-lvm is research F9's
 * Ubuntu LUKS+LVM layout in util-linux 2.37+ JSON ("mountpoints" arrays).
 * proc-self-mountinfo-fedora-btrfs-luks follows Fedora's default btrfs-subvolume layout. cryptsetup-status-* are from the research file F13 (kolide/launcher test data).
 */
class LinuxEncryptionProbeTest {
    @TempDir
    Path dir;

    private List<VolumeEncryption> probe(HostTree tree, FixtureCommandRunner runner) throws ProbeException {
        return new LinuxEncryptionProbe(tree.root(), runner).volumes();
    }

    @Test
    void plainExt4RootIsNotEncrypted() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-debian12-vm.txt")
                .blockDevice("vda", "254:0", null, null)
                .blockDevice("zram0", "253:0", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        assertEquals(1, volumes.size(), volumes.toString());
        VolumeEncryption root = volumes.get(0);
        assertEquals("/", root.volume());
        assertEquals(VolumeRole.SYSTEM, root.role());
        assertEquals(EncryptionState.NOT_ENCRYPTED, root.state());
        assertEquals(Protection.OFF, root.protection());
        assertTrue(root.source().contains("/dev/vda on / type ext4") && root.source().contains("no dm-crypt layer"),
                root.source());
    }

    @Test
    void mountsFormatWithoutDeviceNumbersIsMatchedBySource() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mounts", "proc-self-mounts-plain-ext4.txt")
                .blockDevice("vda", "254:0", null, null);
        assertEquals(EncryptionState.NOT_ENCRYPTED, probe(tree, new FixtureCommandRunner()).get(0).state());
    }

    @Test
    void luks2RootIsEncryptedAndBootAndUsbStickAreSkipped() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-luks2-root.txt")
                .blockDevice("dm-0", "254:0", "CRYPT-LUKS2-5f7e0b6c1e8a4d2b9c3f0a1b2c3d4e5f-nvme0n1p3_crypt",
                        "nvme0n1p3_crypt", "nvme0n1p3")
                .blockDevice("nvme0n1p3", "259:3", null, null)
                .blockDevice("nvme0n1p2", "259:2", null, null)
                .blockDevice("sda1", "8:1", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        assertEquals(1, volumes.size(), "/boot, /boot/efi and the USB stick under /media are not fixed data volumes");
        VolumeEncryption root = volumes.get(0);
        assertEquals(EncryptionState.ENCRYPTED, root.state());
        assertEquals(Protection.ON, root.protection());
        assertEquals("LUKS2", root.method());
        assertTrue(root.source().contains("dm-0 (CRYPT-LUKS2) name nvme0n1p3_crypt <- nvme0n1p3"), root.source());
        assertTrue(root.source().contains("cryptsetup only answers for the live system"), root.source());
    }

    @Test
    void onTheLiveSystemCryptsetupStatusGivesTheCipher() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-luks2-root.txt")
                .blockDevice("dm-0", "254:0", "CRYPT-LUKS2-5f7e0b6c1e8a4d2b9c3f0a1b2c3d4e5f-nvme0n1p3_crypt",
                        "nvme0n1p3_crypt", "nvme0n1p3")
                .blockDevice("nvme0n1p3", "259:3", null, null);
        FixtureCommandRunner runner = new FixtureCommandRunner().answer("cryptsetup --readonly status nvme0n1p3_crypt",
                HostTree.fixture("cryptsetup-status-active-luks2.txt"));
        VolumeEncryption root = new LinuxEncryptionProbe(tree.root(), runner, true).volumes().get(0);
        assertEquals("LUKS2 aes-xts-plain64", root.method());
        assertTrue(root.source().endsWith("method from cryptsetup status nvme0n1p3_crypt"), root.source());
    }

    @Test
    void lvmOnLuksRootIsEncryptedThroughTheLogicalVolume() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-lvm-on-luks.txt")
                .blockDevice("dm-1", "254:1", "LVM-q8Zr1vKpXyTbD3nF7hJ2kL5mN9pQ4sV6wX0yZ3aB5cD7eF9gH1jK3lM5nP7qR9sT",
                        "ubuntu--vg-root", "dm-0")
                .blockDevice("dm-0", "254:0", "CRYPT-LUKS2-0a1b2c3d4e5f60718293a4b5c6d7e8f9-sda5_crypt",
                        "sda5_crypt", "sda5")
                .blockDevice("sda5", "8:5", null, null)
                .blockDevice("sda1", "8:1", null, null);
        VolumeEncryption root = probe(tree, new FixtureCommandRunner()).get(0);
        assertEquals(EncryptionState.ENCRYPTED, root.state());
        assertTrue(root.source().contains("dm-1 (LVM) <- dm-0 (CRYPT-LUKS2) name sda5_crypt <- sda5"), root.source());
    }

    @Test
    void separateUnencryptedHomeIsReportedAsDataOnceDespiteBindMount() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-plain-home.txt")
                .blockDevice("dm-0", "254:0", "CRYPT-PLAIN-sda3_crypt", "sda3_crypt", "sda3")
                .blockDevice("sda3", "8:3", null, null)
                .blockDevice("sdb1", "8:17", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        assertEquals(2, volumes.size(), volumes.toString());
        assertEquals(EncryptionState.ENCRYPTED, volumes.get(0).state());
        assertEquals("PLAIN", volumes.get(0).method());
        VolumeEncryption home = volumes.get(1);
        assertEquals("/home", home.volume());
        assertEquals(VolumeRole.DATA, home.role());
        assertEquals(EncryptionState.NOT_ENCRYPTED, home.state());
    }

    @Test
    void overlayRootInAContainerIsUnknownNotEncryptedOrNot() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-docker-overlay.txt")
                .blockDevice("sda1", "8:1", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        assertEquals(1, volumes.size(), "the host's /dev/sda1 bind mounts are not this device's volumes");
        assertEquals(EncryptionState.UNKNOWN, volumes.get(0).state());
        assertEquals(Protection.UNKNOWN, volumes.get(0).protection());
        assertTrue(volumes.get(0).source().contains("root is overlay"));
    }

    @Test
    void btrfsRootWithAnonymousDeviceNumberIsFoundByMapperName() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-fedora-btrfs-luks.txt")
                .blockDevice("dm-0", "253:0", "CRYPT-LUKS2-7d1e9a0c5b2f4e3a8c6d1f0e2b3a4c5d-luks-7d1e9a0c",
                        "luks-7d1e9a0c-5b2f-4e3a-8c6d-1f0e2b3a4c5d", "nvme0n1p3")
                .blockDevice("nvme0n1p3", "259:3", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        assertEquals(1, volumes.size(), "/home is the same btrfs device as / and is reported once");
        assertEquals(EncryptionState.ENCRYPTED, volumes.get(0).state());
    }

    @Test
    void containerMarkerOrSubdirectoryRootIsUnknownEvenOnABlockDevice() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-debian12-vm.txt")
                .blockDevice("vda", "254:0", null, null).file("/.dockerenv", "");
        VolumeEncryption docker = probe(tree, new FixtureCommandRunner()).get(0);
        assertEquals(EncryptionState.UNKNOWN, docker.state());
        assertTrue(docker.source().contains("/.dockerenv exists"), docker.source());

        HostTree lxc = new HostTree(dir.resolve("lxc")).file("/proc/self/mountinfo",
                "301 290 254:0 /var/lib/lxc/classroom/rootfs / rw,relatime - ext4 /dev/vda rw\n")
                .blockDevice("vda", "254:0", null, null);
        VolumeEncryption container = probe(lxc, new FixtureCommandRunner()).get(0);
        assertEquals(EncryptionState.UNKNOWN, container.state());
        assertTrue(container.source().contains("sub-directory /var/lib/lxc/classroom/rootfs"), container.source());
    }

    @Test
    void lsblkIsTheSecondSourceWhenSysfsHasNoMatch() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-lvm-on-luks.txt")
                .dir("/sys/class/block");
        FixtureCommandRunner runner = new FixtureCommandRunner().answer("lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT",
                HostTree.fixture("lsblk-J-ubuntu-luks-lvm.json"));
        VolumeEncryption root = new LinuxEncryptionProbe(tree.root(), runner, true).volumes().get(0);
        assertEquals(EncryptionState.ENCRYPTED, root.state());
        assertTrue(root.source().contains("sda (disk) > sda5 (part) > sda5_crypt (crypt) > ubuntu--vg-root (lvm)"),
                root.source());

        VolumeEncryption offline = new LinuxEncryptionProbe(tree.root(), runner, false).volumes().get(0);
        assertEquals(EncryptionState.UNKNOWN, offline.state(), "without sysfs and lsblk nothing is known");
    }

    @Test
    void lsblkRealCaptureHasAPlainRoot() {
        List<LsblkTree.Stack> stacks = LsblkTree.findAll(HostTree.fixture("lsblk-J-kname-debian12-vm.json"), "/");
        assertEquals(1, stacks.size());
        assertEquals("vda (disk)", stacks.get(0).top().toString());
        assertEquals("vda", stacks.get(0).top().kname());
        assertTrue(LsblkTree.findAll(HostTree.fixture("lsblk-J-debian12-vm.json"), "/home").isEmpty());
    }

    @Test
    void unresolvableFixedDataMountIsUnknownNotLeftOut() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-plain-home.txt")
                .blockDevice("dm-0", "254:0", "CRYPT-LUKS2-0a1b2c3d4e5f-sda3_crypt", "sda3_crypt", "sda3")
                .blockDevice("sda3", "8:3", null, null);
        List<VolumeEncryption> volumes = probe(tree, new FixtureCommandRunner());
        VolumeEncryption home = volumes.stream().filter(v -> v.volume().equals("/home")).findFirst().orElseThrow();
        assertEquals(EncryptionState.UNKNOWN, home.state(), "sdb1 is not in sysfs: unknown, not absent");
        assertEquals(VolumeRole.DATA, home.role());
        assertTrue(home.source().contains("no block device in /sys/class/block matches 8:17"), home.source());
    }

    @Test
    void lsblkNeedsEveryPathEncryptedAndDoesNotTakeVerityForEncryption() throws Exception {
        HostTree tree = new HostTree(dir).file("/proc/self/mountinfo",
                "27 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n"
                        + "40 27 254:1 / /home rw,relatime shared:63 - ext4 /dev/mapper/school-home rw\n"
                        + "41 27 254:2 / /srv ro,relatime shared:64 - ext4 /dev/disk/by-label/srv ro\n")
                .blockDevice("sda2", "8:2", null, null);
        FixtureCommandRunner twoPvs = new FixtureCommandRunner().answer("lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT",
                HostTree.fixture("lsblk-J-kname-home-two-pvs-one-luks.json"));
        VolumeEncryption home = new LinuxEncryptionProbe(tree.root(), twoPvs, true).volumes().stream()
                .filter(v -> v.volume().equals("/home")).findFirst().orElseThrow();
        assertEquals(EncryptionState.NOT_ENCRYPTED, home.state(), "the half of the volume group on sdb is plain");
        assertTrue(home.source().contains("sdb (disk) > school-home (lvm) (no encrypting layer)"), home.source());

        FixtureCommandRunner verity = new FixtureCommandRunner().answer("lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT",
                HostTree.fixture("lsblk-J-kname-srv-verity.json"));
        VolumeEncryption srv = new LinuxEncryptionProbe(tree.root(), verity, true).volumes().stream()
                .filter(v -> v.volume().equals("/srv")).findFirst().orElseThrow();
        assertEquals(EncryptionState.UNKNOWN, srv.state(), "lsblk calls verity \"crypt\" too; without its dm uuid the "
                + "kind of layer is unknown");

        tree.blockDevice("dm-2", "254:99", "CRYPT-VERITY-0a1b2c3d-srv-verity", "srv-verity", "vdb", "vdc")
                .blockDevice("vdb", "252:16", null, null).blockDevice("vdc", "252:32", null, null);
        VolumeEncryption srvSysfs = new LinuxEncryptionProbe(tree.root(), verity, true).volumes().stream()
                .filter(v -> v.volume().equals("/srv")).findFirst().orElseThrow();
        assertEquals(EncryptionState.NOT_ENCRYPTED, srvSysfs.state(), "sysfs by kernel name: the dm uuid says VERITY");
        assertTrue(srvSysfs.source().contains("kernel name dm-2"), srvSysfs.source());
    }

    @Test
    void verityIsIntegrityNotEncryption() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/proc/self/mountinfo", "proc-self-mountinfo-debian12-vm.txt")
                .blockDevice("dm-0", "254:0", "CRYPT-VERITY-0a1b2c3d-root", "root", "vda1")
                .blockDevice("vda1", "252:1", null, null);
        assertEquals(EncryptionState.NOT_ENCRYPTED, probe(tree, new FixtureCommandRunner()).get(0).state());
    }

    @Test
    void diskImageWithoutProcIsAProbeExceptionThatSaysWhy() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> probe(new HostTree(dir).dir("/etc"), new FixtureCommandRunner()));
        assertTrue(e.getMessage().contains("only readable on the running system"), e.getMessage());
    }

    @Test
    void cryptsetupStatusGivesTypeAndCipher() {
        CryptsetupStatus status = CryptsetupStatus.parse(HostTree.fixture("cryptsetup-status-active-luks2.txt")).orElseThrow();
        assertTrue(status.active());
        assertEquals("LUKS2 aes-xts-plain64", status.method());
        assertEquals(false, CryptsetupStatus.parse(HostTree.fixture("cryptsetup-status-inactive.txt")).orElseThrow().active());
        assertTrue(CryptsetupStatus.parse(HostTree.fixture("cryptsetup-status-not-found.txt")).isEmpty());
        assertTrue(CryptsetupStatus.parse(HostTree.fixture("cryptsetup-status-active-luks2.txt").replace("\n", "\r\n"))
                .orElseThrow().method().equals("LUKS2 aes-xts-plain64"), "CRLF");
    }

    @Test
    void mountinfoEscapesAndBrokenLinesAreHandled() {
        MountTable table = MountTable.parseMountinfo("61 60 8:1 / /media/pupil/USB\\040STICK rw - vfat /dev/sda1 rw\ngarbage\n");
        assertEquals("/media/pupil/USB STICK", table.mounts().get(0).mountPoint());
        assertEquals(1, table.problems().size());
        assertNull(MountTable.parseMounts("/dev/vda / ext4 rw 0 0").mounts().get(0).majorMinor());
    }
}
