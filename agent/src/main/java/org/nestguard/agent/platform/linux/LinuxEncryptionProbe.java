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
                Optional<VolumeEncryption> fromLsblk = fromLsblk(mount, role, where, stack);
                if (fromLsblk.isPresent()) {
                    volumes.add(fromLsblk.get());
                    continue;
                }
            }
            if (name.isEmpty()) {
                // a fixed volume we cannot place is unknown, never left out: leaving it out would let it pass unseen
                volumes.add(new VolumeEncryption(mount.mountPoint(), mount.source(), role, EncryptionState.UNKNOWN,
                        Protection.UNKNOWN, null, null, where + ": no block device in /sys/class/block matches "
                        + (mount.majorMinor() == null ? mount.source() : mount.majorMinor())
                        + (liveSystem ? " and lsblk did not show it" : "")));
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

    /**
     * Second source when sysfs has no match: lsblk's device tree (it reads sysfs and udev itself). The mounted device is
     * walked in sysfs by its kernel name when sysfs has it, so the dm uuid rule of {@link BlockDeviceStack} decides;
     * otherwise each path down from a disk is judged by the same rule on lsblk's columns, and all must be encrypted.
     */
    private Optional<VolumeEncryption> fromLsblk(MountTable.Mount mount, VolumeRole role, String where,
                                                 BlockDeviceStack sysfs) {
        List<String> command = List.of("lsblk", "-J", "-o", "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT");
        String evidence = where + "; not found in sysfs by device number; " + String.join(" ", command) + " (live system)";
        List<LsblkTree.Stack> stacks;
        try {
            CommandResult result = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
            if (!result.succeeded()) {
                return Optional.empty();
            }
            stacks = LsblkTree.findAll(result.stdout(), mount.mountPoint());
            if (stacks.isEmpty()) {
                return Optional.empty();
            }
            String kname = stacks.get(0).top().kname();
            if (kname != null && sysfs.has(kname)) {
                BlockDeviceStack.Layers layers = sysfs.walk(kname);
                return Optional.of(new VolumeEncryption(mount.mountPoint(), mount.source(), role,
                        layers.encrypted() ? EncryptionState.ENCRYPTED : EncryptionState.NOT_ENCRYPTED,
                        layers.encrypted() ? Protection.ON : Protection.OFF, null, layers.cryptType(),
                        evidence + ": kernel name " + kname + "; sysfs stack " + layers.chain()));
            }
        } catch (ProbeException | IllegalArgumentException e) {
            return Optional.empty(); // the caller reports the volume as unknown
        }
        List<String> paths = new ArrayList<>();
        boolean allEncrypted = true;
        boolean anyUnknown = false;
        for (LsblkTree.Stack stack : stacks) {
            Optional<Boolean> encrypted = encrypted(stack, sysfs);
            allEncrypted &= encrypted.orElse(false);
            anyUnknown |= encrypted.isEmpty();
            paths.add(stack.path().stream().map(LsblkTree.Node::toString).collect(java.util.stream.Collectors
                    .joining(" > ")) + (encrypted.isEmpty() ? " (crypt layer of unknown kind)"
                    : encrypted.get() ? "" : " (no encrypting layer)"));
        }
        EncryptionState state = allEncrypted ? EncryptionState.ENCRYPTED
                : anyUnknown && paths.stream().noneMatch(p -> p.endsWith("(no encrypting layer)")) ? EncryptionState.UNKNOWN
                : EncryptionState.NOT_ENCRYPTED;
        Protection protection = state == EncryptionState.ENCRYPTED ? Protection.ON
                : state == EncryptionState.UNKNOWN ? Protection.UNKNOWN : Protection.OFF;
        return Optional.of(new VolumeEncryption(mount.mountPoint(), mount.source(), role, state, protection, null,
                allEncrypted ? "crypt (lsblk; cipher not read)" : null, evidence + ": " + String.join(" | ", paths)));
    }

    /**
     * Whether one lsblk path passes an encrypting layer: a crypt device whose dm uuid in sysfs passes
     * {@link BlockDeviceStack#encryptingType}, or, without sysfs, one sitting on a LUKS container (FSTYPE
     * crypto_LUKS). Empty when it has a crypt device of neither kind (plain dm-crypt, verity and integrity look alike
     * in lsblk).
     */
    private static Optional<Boolean> encrypted(LsblkTree.Stack stack, BlockDeviceStack sysfs) {
        boolean unknown = false;
        List<LsblkTree.Node> path = stack.path();
        for (int i = 0; i < path.size(); i++) {
            LsblkTree.Node node = path.get(i);
            if (!node.type().equals("crypt")) {
                continue;
            }
            Optional<String> uuid = node.kname() == null ? Optional.empty() : sysfs.dmUuid(node.kname());
            if (uuid.isPresent()) {
                if (BlockDeviceStack.encryptingType(uuid.get()).isPresent()) {
                    return Optional.of(true);
                }
            } else if (i > 0 && "crypto_LUKS".equals(path.get(i - 1).fstype())) {
                return Optional.of(true);
            } else {
                unknown = true;
            }
        }
        return unknown ? Optional.empty() : Optional.of(false);
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
