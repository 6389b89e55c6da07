package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.ProbeException;

/**
 * One APFS volume from {@code diskutil apfs list -plist} (research §5 F14).
 *
 * @param container  the container's disk, for example {@code disk3}
 * @param device     the volume's disk, for example {@code disk3s5}
 * @param name       the volume name (localized by the installer: "Macintosh HD - Données")
 * @param roles      APFS roles, for example System, Data, Preboot; empty for a plain volume
 * @param encryption whether APFS encrypts the contents (true on Apple silicon/T2 even without FileVault); null if absent
 * @param fileVault  whether the contents are protected by FileVault (user-credential key wrapping); null if absent
 * @param locked     whether the volume is locked; null if absent
 */
public record ApfsVolume(String container, String device, String name, List<String> roles, Boolean encryption,
                         Boolean fileVault, Boolean locked) {

    public ApfsVolume {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.stream().anyMatch(role::equalsIgnoreCase);
    }

    /** Every volume of every container in the plist that {@code diskutil apfs list -plist} prints. */
    public static List<ApfsVolume> parseList(String plistXml) throws ProbeException {
        Map<String, Object> top = Plist.parseDict(plistXml, "diskutil apfs list -plist");
        List<Object> containers = Plist.array(top, "Containers");
        if (!top.containsKey("Containers")) {
            throw new ProbeException("diskutil apfs list -plist printed no 'Containers' key; keys were " + top.keySet());
        }
        List<ApfsVolume> volumes = new ArrayList<>();
        for (Object c : containers) {
            if (!(c instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> container = (Map<String, Object>) c;
            String reference = Plist.string(container, "ContainerReference");
            for (Object v : Plist.array(container, "Volumes")) {
                if (!(v instanceof Map<?, ?>)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> volume = (Map<String, Object>) v;
                List<String> roles = new ArrayList<>();
                for (Object role : Plist.array(volume, "Roles")) {
                    roles.add(String.valueOf(role));
                }
                volumes.add(new ApfsVolume(reference, Plist.string(volume, "DeviceIdentifier"),
                        Plist.string(volume, "Name"), roles, Plist.flag(volume, "Encryption"),
                        Plist.flag(volume, "FileVault"), Plist.flag(volume, "Locked")));
            }
        }
        return volumes;
    }
}
