package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nestguard.agent.platform.HostRoot;

/**
 * The graphical logon screens installed, found by their programs and systemd units. When one is installed people log on
 * through its greeter, so the text console and SSH are side doors; GDM, LightDM and SDDM are read by the probes, any
 * other (lxdm, nodm, xdm ...) is reported by name so its settings are said to be unknown rather than absent.
 *
 * @param known    GDM, LightDM and SDDM as installed: name to the file that showed it
 * @param others   other display managers installed: name to the file that showed it
 */
public record DisplayManagers(Map<String, String> known, Map<String, String> others) {
    private static final Map<String, List<String>> KNOWN = Map.of(
            "GDM", List.of("/usr/sbin/gdm3", "/usr/sbin/gdm", "/usr/lib/systemd/system/gdm.service",
                    "/lib/systemd/system/gdm.service", "/lib/systemd/system/gdm3.service"),
            "LightDM", List.of("/usr/sbin/lightdm", "/usr/lib/systemd/system/lightdm.service",
                    "/lib/systemd/system/lightdm.service"),
            "SDDM", List.of("/usr/bin/sddm", "/usr/lib/systemd/system/sddm.service", "/lib/systemd/system/sddm.service"));
    private static final Map<String, List<String>> OTHERS = Map.of(
            "LXDM", List.of("/usr/sbin/lxdm", "/usr/sbin/lxdm-binary"),
            "nodm", List.of("/usr/sbin/nodm"),
            "XDM", List.of("/usr/bin/xdm"),
            "SLiM", List.of("/usr/bin/slim"),
            "greetd", List.of("/usr/sbin/greetd", "/usr/bin/greetd"),
            "Ly", List.of("/usr/bin/ly", "/usr/bin/ly-dm"),
            "WDM", List.of("/usr/bin/wdm"));
    private static final String ENABLED_LINK = "/etc/systemd/system/display-manager.service";

    public DisplayManagers {
        known = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(known));
        others = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    public static DisplayManagers detect(HostRoot root) {
        Map<String, String> known = find(root, KNOWN);
        Map<String, String> others = find(root, OTHERS);
        // the unit systemd starts as the display manager, when it is none of the names above
        Path link = root.resolve(ENABLED_LINK);
        if (Files.isSymbolicLink(link)) {
            try {
                String unit = Files.readSymbolicLink(link).getFileName().toString();
                String name = unit.replaceFirst("\\.service$", "");
                boolean listed = KNOWN.keySet().stream().anyMatch(k -> name.toLowerCase(java.util.Locale.ROOT).startsWith(k.toLowerCase(java.util.Locale.ROOT)))
                        || OTHERS.keySet().stream().anyMatch(k -> name.equalsIgnoreCase(k));
                if (!listed) {
                    others.put(name, ENABLED_LINK + " -> " + unit);
                }
            } catch (IOException e) {
                others.put("unknown", ENABLED_LINK + " (unreadable link: " + e.getMessage() + ")");
            }
        }
        return new DisplayManagers(known, others);
    }

    private static Map<String, String> find(HostRoot root, Map<String, List<String>> markers) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : markers.keySet().stream().sorted().toList()) {
            markers.get(name).stream().filter(root::exists).findFirst().ifPresent(path -> found.put(name, path));
        }
        return found;
    }

    public boolean any() {
        return !known.isEmpty() || !others.isEmpty();
    }

    public boolean has(String name) {
        return known.containsKey(name);
    }

    /** "GDM (/usr/sbin/gdm3), LXDM (/usr/sbin/lxdm)", for the evidence. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        known.forEach((k, v) -> parts.add(k + " (" + v + ")"));
        others.forEach((k, v) -> parts.add(k + " (" + v + ")"));
        return parts.isEmpty() ? "no display manager installed" : String.join(", ", parts);
    }
}
