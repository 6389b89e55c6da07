package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT} (util-linux &lt; 2.37) or {@code ...,MOUNTPOINTS} (newer, an
 * array) and finds whether the device mounted somewhere sits on a {@code crypt} device. lsblk prints parents with
 * their children nested, so the path from a disk down to the mounted device is the stack.
 */
public final class LsblkTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LsblkTree() {
    }

    /**
     * The stack under one mount point.
     *
     * @param path       device names from the disk to the mounted device, with their TYPE
     * @param cryptName  the name of the crypt device on that path, or null when there is none
     */
    public record Stack(List<String> path, String cryptName) {
        public boolean encrypted() {
            return cryptName != null;
        }
    }

    /** The stack of the device mounted at the mount point; empty when lsblk shows no such mount. */
    public static Optional<Stack> find(String json, String mountPoint) {
        JsonNode devices;
        try {
            devices = JSON.readTree(json).path("blockdevices");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lsblk -J output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!devices.isArray()) {
            throw new IllegalArgumentException("lsblk -J output has no \"blockdevices\" array");
        }
        for (JsonNode device : devices) {
            Optional<Stack> found = search(device, mountPoint, new ArrayList<>(), null);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Stack> search(JsonNode node, String mountPoint, List<String> path, String crypt) {
        String name = node.path("name").asText();
        String type = node.path("type").asText();
        List<String> here = new ArrayList<>(path);
        here.add(name + " (" + type + ")");
        String cryptHere = type.equals("crypt") ? name : crypt;
        if (mounted(node, mountPoint)) {
            return Optional.of(new Stack(here, cryptHere));
        }
        for (JsonNode child : node.path("children")) {
            Optional<Stack> found = search(child, mountPoint, here, cryptHere);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
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
