package org.nestguard.agent.platform.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.files.Volume;

/**
 * Finds mounted removable volumes in {@code lsblk -J -b -o NAME,RM,HOTPLUG,UUID,LABEL,FSTYPE,SERIAL,MODEL,VENDOR,
 * MOUNTPOINT,SIZE}. A partition counts as removable when it or the disk it is on has RM (removable media: USB
 * sticks, SD card readers) or HOTPLUG (USB and other hot-plugged disks) set. util-linux before 2.34 prints every value
 * as a string ("1", "0"); later versions print booleans and numbers; both are read.
 */
public final class LsblkVolumes {
    /** The lsblk command whose output {@link #parse} reads. */
    public static final List<String> COMMAND = List.of("lsblk", "-J", "-b", "-o",
            "NAME,RM,HOTPLUG,UUID,LABEL,FSTYPE,SERIAL,MODEL,VENDOR,MOUNTPOINT,SIZE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LsblkVolumes() {
    }

    public static List<Volume> parse(String json) {
        JsonNode devices;
        try {
            devices = JSON.readTree(json).path("blockdevices");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lsblk -J output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!devices.isArray()) {
            throw new IllegalArgumentException("lsblk -J output has no \"blockdevices\" array");
        }
        List<Volume> volumes = new ArrayList<>();
        for (JsonNode disk : devices) {
            collect(disk, null, false, volumes);
        }
        return volumes;
    }

    private static void collect(JsonNode node, JsonNode disk, boolean removableAbove, List<Volume> volumes) {
        boolean removable = removableAbove || truth(node.path("rm")) || truth(node.path("hotplug"));
        JsonNode hardware = disk == null ? node : disk;
        String mountPoint = text(node, "mountpoint");
        if (mountPoint == null && node.path("mountpoints").isArray()) {
            for (JsonNode point : node.path("mountpoints")) {
                if (!point.isNull()) {
                    mountPoint = point.asText();
                    break;
                }
            }
        }
        if (removable && mountPoint != null && !mountPoint.startsWith("[")) { // "[SWAP]" is no mount
            String name = node.path("name").asText();
            String uuid = text(node, "uuid");
            String serial = text(hardware, "serial");
            String vendor = text(hardware, "vendor");
            String model = text(hardware, "model");
            String vendorModel = vendor == null ? model : model == null ? vendor : vendor + " " + model;
            // A file system without a UUID (rare: some cameras) is known by its hardware serial and partition.
            String id = uuid != null ? uuid : "device:" + (serial == null ? "" : serial + "/") + name;
            volumes.add(new Volume(id, text(node, "label"), text(node, "fstype"), "/dev/" + name, mountPoint,
                    vendorModel, serial, node.path("size").asLong(0)));
        }
        for (JsonNode child : node.path("children")) {
            collect(child, hardware, removable, volumes);
        }
    }

    private static boolean truth(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.asText("").equals("1");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
