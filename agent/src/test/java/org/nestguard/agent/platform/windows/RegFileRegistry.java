package org.nestguard.agent.platform.windows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nestguard.agent.platform.ProbeException;

/**
 * A {@link RegistryReader} over fixtures in the format {@code reg export} writes (Windows Registry Editor 5.00:
 * {@code [key]} headers, {@code "name"="text"}, {@code dword:}, {@code hex(7):} multi-strings as UTF-16LE bytes,
 * {@code hex(2):} expandable strings, {@code hex(b):} qwords, lines continued with a backslash). reg export writes
 * UTF-16LE with a BOM; the fixtures are stored as UTF-8 so they can be read and diffed, which is the only difference.
 */
final class RegFileRegistry implements RegistryReader {
    private final Map<String, Map<String, Object>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static RegFileRegistry load(String... fixtures) {
        RegFileRegistry registry = new RegFileRegistry();
        for (String fixture : fixtures) {
            registry.parse(Fixtures.text(fixture));
        }
        return registry;
    }

    private void parse(String text) {
        Map<String, Object> current = null;
        String pending = "";
        for (String raw : text.lines().toList()) {
            String line = pending + raw.strip();
            if (line.endsWith("\\") && line.contains("=hex")) {
                pending = line.substring(0, line.length() - 1);
                continue;
            }
            pending = "";
            if (line.startsWith("[") && line.endsWith("]")) {
                String key = line.substring(1, line.length() - 1);
                current = keys.computeIfAbsent(key, k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
                // reg export lists every parent key too, but a fixture may not: make parents exist.
                for (int i = key.indexOf('\\'); i > 0; i = key.indexOf('\\', i + 1)) {
                    keys.computeIfAbsent(key.substring(0, i), k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
                }
                continue;
            }
            if (current == null || line.isEmpty() || line.startsWith("Windows Registry Editor")) {
                continue;
            }
            int eq = nameEnd(line);
            String name = line.startsWith("@") ? "" : unquote(line.substring(0, eq));
            current.put(name, value(line.substring(eq + 1)));
        }
    }

    private static int nameEnd(String line) {
        if (line.startsWith("@")) {
            return 1;
        }
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '"') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not a reg value line: " + line);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static Object value(String data) {
        if (data.startsWith("\"")) {
            return unquote(data);
        }
        if (data.startsWith("dword:")) {
            return Long.parseLong(data.substring(6), 16);
        }
        int colon = data.indexOf(':');
        String type = data.substring(0, colon);
        byte[] bytes = bytes(data.substring(colon + 1));
        return switch (type) {
            case "hex(7)" -> List.of(Arrays.stream(new String(bytes, StandardCharsets.UTF_16LE).split("\0"))
                    .filter(s -> !s.isEmpty()).toArray(String[]::new));
            case "hex(2)" -> new String(bytes, StandardCharsets.UTF_16LE).replace("\0", "");
            case "hex(b)" -> {
                long v = 0;
                for (int i = bytes.length - 1; i >= 0; i--) {
                    v = (v << 8) | (bytes[i] & 0xFF);
                }
                yield v;
            }
            default -> bytes;
        };
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.replace(" ", "").split(",");
        byte[] bytes = new byte[hex.isBlank() ? 0 : parts.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    private Optional<Object> raw(Hive hive, String key, String value) {
        Map<String, Object> values = keys.get(hive.name() + "\\" + key);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(value));
    }

    @Override
    public Optional<String> string(Hive hive, String key, String value) {
        return raw(hive, key, value).flatMap(v -> v instanceof String || v instanceof Long
                ? Optional.of(v.toString()) : Optional.empty());
    }

    @Override
    public Optional<Long> number(Hive hive, String key, String value) {
        return raw(hive, key, value).flatMap(v -> v instanceof Long l ? Optional.of(l)
                : v instanceof String s && s.trim().matches("\\d{1,18}") ? Optional.of(Long.parseLong(s.trim()))
                : Optional.empty());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<String>> multiString(Hive hive, String key, String value) {
        return raw(hive, key, value).flatMap(v -> v instanceof List<?> l ? Optional.of((List<String>) l)
                : Optional.empty());
    }

    @Override
    public boolean valueExists(Hive hive, String key, String value) {
        return raw(hive, key, value).isPresent();
    }

    @Override
    public List<String> subkeys(Hive hive, String key) {
        String prefix = (hive.name() + "\\" + key + "\\").toLowerCase(Locale.ROOT);
        Map<String, String> children = new LinkedHashMap<>();
        for (String k : keys.keySet()) {
            if (k.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                String child = k.substring(prefix.length());
                int slash = child.indexOf('\\');
                String name = slash < 0 ? child : child.substring(0, slash);
                children.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return new ArrayList<>(children.values());
    }

    @Override
    public boolean keyExists(Hive hive, String key) {
        return keys.containsKey(hive.name() + "\\" + key);
    }

    /**
     * A loaded hive is read under its SID. A logged-off user's hive "loads" when the fixtures hold keys under
     * {@code HKEY_USERS\Nestguard_<sid>}, the temporary name the live reader loads NTUSER.DAT under; otherwise loading
     * fails as RegLoadKey does for a missing file.
     */
    @Override
    public <T> T withUserHive(String sid, String profilePath, HiveAction<T> action) throws ProbeException {
        if (keyExists(Hive.HKEY_USERS, sid)) {
            return action.apply(sid);
        }
        if (keyExists(Hive.HKEY_USERS, "Nestguard_" + sid)) {
            return action.apply("Nestguard_" + sid);
        }
        throw new ProbeException("hive not loaded: RegLoadKey(" + profilePath + "\\NTUSER.DAT) failed with error 2 "
                + "(The system cannot find the file specified.)");
    }
}
