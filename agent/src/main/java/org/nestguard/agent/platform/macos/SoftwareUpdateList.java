package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code softwareupdate --list --no-scan} (research §5 F11): "* Label: X" lines each followed by a
 * "Title: ..., Version: ..., Size: ..., Recommended: YES, Action: restart," line.
 *
 * @param entries    the updates on offer
 * @param noUpdates  true when the tool said "No new software available."
 * @param unparsed   lines that looked like content but were not understood, for the evidence
 */
public record SoftwareUpdateList(List<Entry> entries, boolean noUpdates, List<String> unparsed) {

    /** One offered update; fields are null where the line did not carry them. */
    public record Entry(String label, String title, String version, boolean recommended, String action) {

        /**
         * Apple marks no update as "security" in this output, so the rule is by name: Rapid Security Responses,
         * "Security Update"/"Security Response" items and every macOS release (Apple ships security fixes in each
         * macOS point and major release) count as security; apps, Safari, firmware and tools do not.
         */
        public boolean security() {
            String text = (label + " " + (title == null ? "" : title)).toLowerCase(Locale.ROOT);
            return text.contains("security response") || text.contains("security update")
                    || text.startsWith("macos ") || (title != null && title.toLowerCase(Locale.ROOT).startsWith("macos "));
        }
    }

    public static SoftwareUpdateList parse(String output) {
        List<Entry> entries = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        boolean none = false;
        String label = null;
        for (String raw : output.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.equals("Software Update Tool") || line.startsWith("Finding available software")
                    || line.startsWith("Software Update found the following")) {
                continue;
            }
            if (line.startsWith("No new software available")) {
                none = true;
            } else if (line.startsWith("* Label:")) {
                if (label != null) {
                    entries.add(new Entry(label, null, null, false, null));
                }
                label = line.substring("* Label:".length()).strip();
            } else if (line.startsWith("Title:") && label != null) {
                Map<String, String> fields = fields(line);
                entries.add(new Entry(label, fields.get("Title"), fields.get("Version"),
                        "YES".equalsIgnoreCase(fields.get("Recommended")), fields.get("Action")));
                label = null;
            } else {
                unparsed.add(line);
            }
        }
        if (label != null) {
            entries.add(new Entry(label, null, null, false, null));
        }
        return new SoftwareUpdateList(entries, none, unparsed);
    }

    /** "Title: macOS Sonoma 14.7.1, Version: 14.7.1, Size: 1K, Recommended: YES, Action: restart," */
    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        // Titles can contain ", " themselves, so split only before a known "Key:" token.
        for (String part : line.split(",\\s*")) {
            int colon = part.indexOf(':');
            String candidate = colon > 0 ? part.substring(0, colon).strip() : null;
            if (candidate != null && List.of("Title", "Version", "Size", "Recommended", "Action")
                    .contains(candidate)) {
                if (key != null) {
                    fields.put(key, value.toString().strip());
                }
                key = candidate;
                value = new StringBuilder(part.substring(colon + 1));
            } else if (key != null) {
                value.append(", ").append(part);
            }
        }
        if (key != null) {
            fields.put(key, value.toString().strip());
        }
        return fields;
    }
}
