package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT} (util-linux &lt; 2.37) or {@code ...,MOUNTPOINTS} (newer,
 * an array) and finds the device stacks under a mount point. lsblk prints parents with their children nested, so each
 * path from a disk down to the mounted device is one stack; a device on several parents (LVM over two disks, RAID) is
 * printed under each of them, giving one path per parent.
 */
public final class LsblkTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LsblkTree() {
    }

    /**
     * One device as lsblk prints it.
     *
     * @param kname  the kernel name (dm-0), which names it in sysfs; null when the column was not asked for
     * @param type   disk, part, crypt, lvm ...: lsblk calls every dm device whose uuid starts CRYPT- "crypt", integrity
     *               and verity mappings included, so "crypt" alone does not mean encrypted
     * @param fstype the signature on the device (crypto_LUKS for a LUKS container); null without udev
     */
    public record Node(String name, String kname, String type, String fstype) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    /** One path from a disk down to the mounted device. */
    public record Stack(List<Node> path) {
        public Stack {
            path = List.copyOf(path);
        }

        /** The mounted device itself. */
        public Node top() {
            return path.get(path.size() - 1);
        }
    }

    /** Every path down to the device mounted at the mount point; empty when lsblk shows no such mount. */
    public static List<Stack> findAll(String json, String mountPoint) {
        JsonNode devices;
        try {
            devices = JSON.readTree(json).path("blockdevices");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lsblk -J output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!devices.isArray()) {
            throw new IllegalArgumentException("lsblk -J output has no \"blockdevices\" array");
        }
        List<Stack> found = new ArrayList<>();
        for (JsonNode device : devices) {
            search(device, mountPoint, new ArrayList<>(), found);
        }
        return found;
    }

    private static void search(JsonNode node, String mountPoint, List<Node> path, List<Stack> found) {
        List<Node> here = new ArrayList<>(path);
        here.add(new Node(node.path("name").asText(), node.path("kname").asText(null), node.path("type").asText(),
                node.path("fstype").asText(null)));
        if (mounted(node, mountPoint)) {
            found.add(new Stack(here));
            return;
        }
        for (JsonNode child : node.path("children")) {
            search(child, mountPoint, here, found);
        }
    }

    private static boolean mounted(JsonNode node, String mountPoint) {
        if (mountPoint.equals(node.path("mountpoint").asText(null))) {
            return true;
        }
        for (JsonNode point : node.path("mountpoints")) {
            if (mountPoint.equals(point.asText(null))) {
                return true;
            }
        }
        return false;
    }
}
