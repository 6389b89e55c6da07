package org.nestguard.agent.platform.macos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code displaysleep} (minutes, 0 = never) per power source from {@code pmset -g custom}, whose sections are
 * headed "Battery Power:", "AC Power:" (and "UPS Power:") with "key value" lines under them. pmset is not localized.
 */
public final class PmsetDisplaySleep {
    private PmsetDisplaySleep() {
    }

    /** Section name (for example "AC Power") to displaysleep minutes; sections without the key are left out. */
    public static Map<String, Long> parse(String output) {
        Map<String, Long> minutes = new LinkedHashMap<>();
        String section = "";
        for (String raw : output.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.endsWith(":") && !raw.startsWith(" ")) {
                section = line.substring(0, line.length() - 1);
            } else {
                String[] parts = line.split("\\s+");
                if (parts.length >= 2 && parts[0].equals("displaysleep") && parts[1].matches("\\d+")) {
                    minutes.put(section, Long.parseLong(parts[1]));
                }
            }
        }
        return minutes;
    }
}
