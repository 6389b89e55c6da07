package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code dscl . -read RECORD [KEYS]} output: "Key: v1 v2" on one line, or "Key:" followed by lines that start
 * with a space (long values and embedded XML plists such as accountPolicyData). The {@code dsAttrTypeNative:}
 * prefix is dropped from keys. "No such key: X" lines are collected as missing.
 *
 * @param attributes each key's text, continuation lines joined with newlines
 * @param missing    keys dscl said the record does not have
 */
public record DsclRecord(Map<String, String> attributes, List<String> missing) {

    public static DsclRecord parse(String output) {
        Map<String, StringBuilder> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        StringBuilder current = null;
        for (String line : output.replace("\r", "").split("\n")) {
            if (line.startsWith("No such key:")) {
                missing.add(line.substring("No such key:".length()).strip());
                current = null;
            } else if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                int colon = line.startsWith("dsAttrTypeNative:")
                        ? line.indexOf(':', "dsAttrTypeNative:".length()) : line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).replace("dsAttrTypeNative:", "");
                current = new StringBuilder(line.substring(colon + 1).strip());
                values.put(key, current);
            } else if (current != null && !line.isEmpty()) {
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(line.substring(1)); // dscl indents continuation lines by one space
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        values.forEach((k, v) -> attributes.put(k, v.toString()));
        return new DsclRecord(attributes, missing);
    }

    public String get(String key) {
        return attributes.get(key);
    }

    /** The value split on whitespace, as dscl prints multi-valued attributes on one line. */
    public List<String> values(String key) {
        String value = attributes.get(key);
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    /** Parses {@code dscl . -list /Users UniqueID}: "name   uid" per line, in order. */
    public static Map<String, Long> parseUidList(String output) {
        Map<String, Long> users = new LinkedHashMap<>();
        for (String line : output.replace("\r", "").split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[1].matches("-?\\d+")) {
                users.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return users;
    }
}
