package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * Walks a block device down its device-mapper stack in sysfs ({@code /sys/class/block/NAME/dm/uuid} and
 * {@code slaves/}) to find whether a dm-crypt layer sits underneath. The dm uuid prefix is set by cryptsetup
 * ("CRYPT-LUKS2-..."), LVM ("LVM-...") and others; the same test is used by OSHI and osquery.
 */
public final class BlockDeviceStack {
    /** dm-crypt uuid types that encrypt; CRYPT-VERITY, CRYPT-INTEGRITY and CRYPT-SUBDEV only check integrity. */
    static final Set<String> ENCRYPTING_TYPES = Set.of("LUKS", "LUKS1", "LUKS2", "PLAIN", "LOOPAES", "TCRYPT",
            "BITLK", "FVAULT2");
    private static final int MAX_DEPTH = 16;

    private final HostRoot root;

    public BlockDeviceStack(HostRoot root) {
        this.root = root;
    }

    /**
     * What lies under one block device.
     *
     * @param encrypted  true when every path down the stack passes a dm-crypt layer
     * @param cryptName  the dm name of the (first) crypt mapping, for cryptsetup status; null when none
     * @param cryptType  the type from its dm uuid (LUKS2, PLAIN ...); null when none
     * @param chain      the stack from the top device down, for the evidence
     */
    public record Layers(boolean encrypted, String cryptName, String cryptType, String chain) {
    }

    /**
     * The one rule for "this device-mapper layer encrypts": its dm uuid is CRYPT-&lt;type&gt;- with an encrypting type;
     * empty for verity, integrity, LVM and anything else. The lsblk reading uses it too.
     */
    public static Optional<String> encryptingType(String dmUuid) {
        if (!dmUuid.startsWith("CRYPT-")) {
            return Optional.empty();
        }
        String type = dmUuid.split("-")[1];
        return ENCRYPTING_TYPES.contains(type) ? Optional.of(type) : Optional.empty();
    }

    /** The dm uuid of a device in sysfs; empty when it has none or is not in sysfs. */
    public Optional<String> dmUuid(String name) {
        Path file = sysfs(name).resolve("dm/uuid");
        return Files.isRegularFile(file) ? Optional.of(readQuietly(file)) : Optional.empty();
    }

    /** Whether sysfs has this device. */
    public boolean has(String name) {
        return Files.isDirectory(sysfs(name));
    }

    /** The kernel name (dm-0, sda2) of the device with this "major:minor", found by its sysfs "dev" file. */
    public Optional<String> nameOf(String majorMinor) throws ProbeException {
        for (Path device : devices()) {
            Path dev = device.resolve("dev");
            if (Files.isRegularFile(dev) && readQuietly(dev).equals(majorMinor)) {
                return Optional.of(device.getFileName().toString());
            }
        }
        return Optional.empty();
    }

    /** The kernel name of the device a mount source names: /dev/sda2, /dev/dm-0 or /dev/mapper/NAME. */
    public Optional<String> nameOfSource(String source) throws ProbeException {
        if (source.startsWith("/dev/mapper/")) {
            String dmName = source.substring("/dev/mapper/".length());
            for (Path device : devices()) {
                Path name = device.resolve("dm/name");
                if (Files.isRegularFile(name) && readQuietly(name).equals(dmName)) {
                    return Optional.of(device.getFileName().toString());
                }
            }
            return Optional.empty();
        }
        if (source.startsWith("/dev/")) {
            String name = source.substring("/dev/".length());
            return Files.isDirectory(sysfs(name)) ? Optional.of(name) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether the device (or, for a partition, its disk) reports itself removable (USB sticks, SD cards). */
    public boolean isRemovable(String name) {
        Path device = sysfs(name);
        Path flag = device.resolve("removable");
        if (!Files.isRegularFile(flag) && Files.isRegularFile(device.resolve("partition"))) {
            try {
                flag = device.toRealPath().getParent().resolve("removable");
            } catch (IOException e) {
                return false;
            }
        }
        return Files.isRegularFile(flag) && readQuietly(flag).equals("1");
    }

    public Layers walk(String name) throws ProbeException {
        return walk(name, 0);
    }

    private Layers walk(String name, int depth) throws ProbeException {
        if (depth > MAX_DEPTH) {
            throw new ProbeException("device stack under " + name + " is deeper than " + MAX_DEPTH + " levels in sysfs");
        }
        Path device = sysfs(name);
        Path uuidFile = device.resolve("dm/uuid");
        String uuid = Files.isRegularFile(uuidFile) ? readQuietly(uuidFile) : "";
        String label = uuid.isEmpty() ? name : name + " (" + shortUuid(uuid) + ")";
        Optional<String> encrypting = encryptingType(uuid);
        if (encrypting.isPresent()) {
            String dmName = Files.isRegularFile(device.resolve("dm/name")) ? readQuietly(device.resolve("dm/name")) : name;
            String below = slaves(name).stream().findFirst().map(s -> " <- " + s).orElse("");
            return new Layers(true, dmName, encrypting.get(), label + " name " + dmName + below);
        }
        List<String> slaves = slaves(name);
        if (slaves.isEmpty()) {
            return new Layers(false, null, null, label);
        }
        List<Layers> lower = new ArrayList<>();
        for (String slave : slaves) {
            lower.add(walk(slave, depth + 1));
        }
        boolean all = lower.stream().allMatch(Layers::encrypted);
        Layers first = lower.stream().filter(Layers::encrypted).findFirst().orElse(lower.get(0));
        String chain = label + " <- " + (lower.size() == 1 ? lower.get(0).chain()
                : "[" + String.join(" | ", lower.stream().map(Layers::chain).toList()) + "]");
        if (!all && lower.stream().anyMatch(Layers::encrypted)) {
            chain += " (only some of the underlying devices are encrypted)";
        }
        return new Layers(all, all ? first.cryptName() : null, all ? first.cryptType() : null, chain);
    }

    private List<String> slaves(String name) throws ProbeException {
        Path dir = sysfs(name).resolve("slaves");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ProbeException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<Path> devices() throws ProbeException {
        Path dir = root.resolve("/sys/class/block");
        if (!Files.isDirectory(dir)) {
            throw new ProbeException("/sys/class/block is missing under " + root.root()
                    + "; sysfs is only there on a running system, so encryption cannot be read from a disk image");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new ProbeException("could not list /sys/class/block: " + e.getMessage(), e);
        }
    }

    private Path sysfs(String name) {
        return root.resolve("/sys/class/block/" + name);
    }

    private static String shortUuid(String uuid) {
        String[] parts = uuid.split("-");
        return uuid.startsWith("CRYPT-") && parts.length >= 2 ? parts[0] + "-" + parts[1] : parts[0];
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return ""; // sysfs attributes can vanish while we read (hot-unplug); treat as absent
        }
    }
}
