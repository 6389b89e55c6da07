package org.nestguard.agent.platform.linux;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.EncryptionProbe;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * LUKS/dm-crypt state of the root file system and other fixed data mounts, read from the mount table and the
 * device-mapper stack in sysfs; {@code cryptsetup status} adds the cipher on a live system.
 */
public final class LinuxEncryptionProbe implements EncryptionProbe {
    /** File systems that live on a block device of this machine. */
    static final Set<String> DISK_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs", "jfs",
            "reiserfs", "bcachefs", "nilfs2", "exfat", "ntfs", "ntfs3", "fuseblk", "vfat");
    /** A root of one of these means the real disk is elsewhere: a container, a live session or a network root. */
    static final Set<String> NOT_A_DISK_ROOTS = Set.of("overlay", "aufs", "fuse-overlayfs", "tmpfs", "rootfs",
            "ramfs", "9p", "virtiofs", "nfs", "nfs4", "cifs", "squashfs");
    /** Files that Docker, Podman and systemd-nspawn create inside their containers. */
    static final List<String> CONTAINER_MARKERS = List.of("/.dockerenv", "/run/.containerenv", "/run/systemd/container");
    /** Boot partitions are unencrypted by design (the firmware and boot loader must read them). */
    static final Set<String> BOOT_MOUNTS = Set.of("/boot", "/boot/efi", "/efi");

    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;

    public LinuxEncryptionProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** @param liveSystem whether commands describe the inspected system (tests pair a fake tree with fake commands) */
    LinuxEncryptionProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
    }

    @Override
    public List<VolumeEncryption> volumes() throws ProbeException {
        String tableSource;
        MountTable table;
        if (root.exists("/proc/self/mountinfo")) {
            tableSource = "/proc/self/mountinfo";
            table = MountTable.parseMountinfo(root.read(tableSource));
        } else if (root.exists("/proc/self/mounts") || root.exists("/proc/mounts")) {
            tableSource = root.exists("/proc/self/mounts") ? "/proc/self/mounts" : "/proc/mounts";
            table = MountTable.parseMounts(root.read(tableSource));
        } else {
            throw new ProbeException("no /proc mount table under " + root.root() + ": encryption is only readable on the "
                    + "running system (a mounted disk image has no /proc or /sys); run the agent on the machine itself");
        }
        BlockDeviceStack stack = new BlockDeviceStack(root);
        List<VolumeEncryption> volumes = new ArrayList<>();
        Set<String> seenDevices = new HashSet<>();
        // "/" first so that bind mounts of the same device further down the table are reported as "/".
        List<MountTable.Mount> ordered = new ArrayList<>(table.mounts().stream().filter(m -> m.mountPoint().equals("/")).toList());
        if (ordered.isEmpty()) {
            throw new ProbeException(tableSource + " has no entry for /" + problems(table));
        }
        MountTable.Mount rootMount = ordered.get(ordered.size() - 1); // the last "/" mount is the visible one
        ordered = new ArrayList<>(List.of(rootMount));
        table.mounts().stream().filter(m -> !m.mountPoint().equals("/")).forEach(ordered::add);

        for (MountTable.Mount mount : ordered) {
            boolean isRoot = mount.mountPoint().equals("/");
            VolumeRole role = isRoot ? VolumeRole.SYSTEM : VolumeRole.DATA;
            String where = tableSource + ": " + mount.source() + " on " + mount.mountPoint() + " type " + mount.fsType();
            Optional<String> notOwnDisk = isRoot ? rootNotOnOwnDisk(mount) : Optional.empty();
            if (notOwnDisk.isPresent()) {
                volumes.add(new VolumeEncryption("/", mount.source(), role, EncryptionState.UNKNOWN, Protection.UNKNOWN,
                        null, null, where + ": " + notOwnDisk.get()));
                return volumes; // in a container the other mounts are the host's, not this device's
            }
            if (!isRoot && !isFixedDataMount(mount)) {
                continue;
            }
            if (mount.fsType().equals("zfs")) {
                volumes.add(new VolumeEncryption(mount.mountPoint(), mount.source(), role, EncryptionState.UNKNOWN,
                        Protection.UNKNOWN, null, null, where + ": ZFS native encryption is not read by this probe"));
                continue;
            }
            Optional<String> name = mount.majorMinor() != null && !mount.majorMinor().startsWith("0:")
                    ? stack.nameOf(mount.majorMinor()) : Optional.empty();
            if (name.isEmpty()) {
                name = stack.nameOfSource(mount.source()); // btrfs has an anonymous 0:N device number
            }
            if (name.isEmpty() && liveSystem) {
                Optional<VolumeEncryption> fromLsblk = fromLsblk(mount, role, where);
                if (fromLsblk.isPresent()) {
                    volumes.add(fromLsblk.get());
                    continue;
                }
            }
            if (name.isEmpty()) {
                if (isRoot) {
                    volumes.add(new VolumeEncryption("/", mount.source(), role, EncryptionState.UNKNOWN,
                            Protection.UNKNOWN, null, null, where + ": no block device in /sys/class/block matches "
                            + (mount.majorMinor() == null ? mount.source() : mount.majorMinor())));
                }
                continue;
            }
            if (!seenDevices.add(name.get()) || (!isRoot && stack.isRemovable(name.get()))) {
                continue;
            }
            BlockDeviceStack.Layers layers = stack.walk(name.get());
            String evidence = where + "; sysfs stack " + layers.chain();
            if (!layers.encrypted()) {
                volumes.add(new VolumeEncryption(mount.mountPoint(), mount.source(), role, EncryptionState.NOT_ENCRYPTED,
                        Protection.OFF, null, null, evidence + ": no dm-crypt layer"));
                continue;
            }
            String method = layers.cryptType();
            String methodSource = "cipher not read (";
            if (liveSystem) {
                Optional<CryptsetupStatus> status = cryptsetupStatus(layers.cryptName());
                if (status.isPresent() && status.get().active()) {
                    method = status.get().method();
                    methodSource = "cryptsetup status " + layers.cryptName();
                } else {
                    methodSource += "cryptsetup status " + layers.cryptName() + " gave no answer; needs root and cryptsetup)";
                }
            } else {
                methodSource += "cryptsetup only answers for the live system)";
            }
            // The mapping exists in sysfs, so it is open: data on disk is ciphertext and the key is in the kernel.
            volumes.add(new VolumeEncryption(mount.mountPoint(), mount.source(), role, EncryptionState.ENCRYPTED,
                    Protection.ON, null, method, evidence + "; method from " + (methodSource.startsWith("cryptsetup status")
                    ? methodSource : "dm uuid, " + methodSource)));
        }
        return volumes;
    }

    /** Why the root file system does not tell us about this device's own disk, if it does not. */
    private Optional<String> rootNotOnOwnDisk(MountTable.Mount rootMount) {
        if (NOT_A_DISK_ROOTS.contains(rootMount.fsType())) {
            return Optional.of("root is " + rootMount.fsType() + " (a container, live session or network root); the "
                    + "disk that holds it belongs to the host and cannot be seen from here");
        }
        for (String marker : CONTAINER_MARKERS) {
            if (root.exists(marker)) {
                return Optional.of(marker + " exists: this is a container, whose storage belongs to the host; the "
                        + "host's disk encryption cannot be read from inside it");
            }
        }
        if (!"/".equals(rootMount.fsRoot()) && !rootMount.fsType().equals("btrfs")) {
            return Optional.of("root is the sub-directory " + rootMount.fsRoot() + " of " + rootMount.source()
                    + " (a container's bind-mounted root); the host's disk cannot be judged from here");
        }
        return Optional.empty();
    }

    private boolean isFixedDataMount(MountTable.Mount mount) {
        String point = mount.mountPoint();
        if (!DISK_FILE_SYSTEMS.contains(mount.fsType()) || !mount.source().startsWith("/dev/")
                || mount.source().startsWith("/dev/loop") || BOOT_MOUNTS.contains(point)
                || point.startsWith("/media/") || point.startsWith("/run/media/") || point.startsWith("/snap/")) {
            return false;
        }
        // a bind mount of a sub-directory (container volumes, /etc/hosts) is not a volume of its own
        if (!"/".equals(mount.fsRoot()) && !mount.fsType().equals("btrfs")) {
            return false;
        }
        return !Files.isRegularFile(root.resolve(point));
    }

    /** Second source when sysfs has no match: lsblk's device tree (it reads sysfs and udev itself). */
    private Optional<VolumeEncryption> fromLsblk(MountTable.Mount mount, VolumeRole role, String where) {
        List<String> command = List.of("lsblk", "-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT");
        try {
            CommandResult result = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
            if (!result.succeeded()) {
                return Optional.empty();
            }
            Optional<LsblkTree.Stack> stack = LsblkTree.find(result.stdout(), mount.mountPoint());
            return stack.map(s -> new VolumeEncryption(mount.mountPoint(), mount.source(), role,
                    s.encrypted() ? EncryptionState.ENCRYPTED : EncryptionState.NOT_ENCRYPTED,
                    s.encrypted() ? Protection.ON : Protection.OFF, null, s.encrypted() ? "crypt (lsblk; cipher not read)" : null,
                    where + "; not found in sysfs; " + String.join(" ", command) + " (live system): "
                            + String.join(" > ", s.path()) + (s.encrypted() ? "" : ": no crypt device")));
        } catch (ProbeException | IllegalArgumentException e) {
            return Optional.empty(); // the caller reports the volume as unknown
        }
    }

    private Optional<CryptsetupStatus> cryptsetupStatus(String name) {
        try {
            CommandResult result = runner.run("cryptsetup", "--readonly", "status", name);
            return CryptsetupStatus.parse(result.stdout());
        } catch (ProbeException e) {
            return Optional.empty(); // no cryptsetup installed: the dm uuid still says which kind of crypt it is
        }
    }

    private static String problems(MountTable table) {
        return table.problems().isEmpty() ? "" : " (unparsed: " + String.join("; ", table.problems()) + ")";
    }
}
