package org.nestguard.agent.platform.linux;

import java.util.Optional;

/**
 * Parsed {@code cryptsetup status NAME} output (first line "/dev/mapper/NAME is active[ and is in use].", then
 * indented "key: value" lines such as {@code type:    LUKS2} and {@code cipher:  aes-xts-plain64}).
 *
 * @param active whether the first line says the mapping is active
 * @param type   LUKS1, LUKS2, PLAIN, BITLK ... or null when not printed
 * @param cipher the cipher spec or null when not printed
 */
public record CryptsetupStatus(boolean active, String type, String cipher) {

    /** Parses the output; empty when it is not a status report at all (for example "Device sdc3 not found"). */
    public static Optional<CryptsetupStatus> parse(String text) {
        var lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String first = lines.get(0);
        boolean active;
        if (first.contains(" is active")) {
            active = true;
        } else if (first.endsWith(" is inactive.")) {
            active = false;
        } else {
            return Optional.empty();
        }
        String type = null;
        String cipher = null;
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("type")) {
                type = value;
            } else if (key.equals("cipher")) {
                cipher = value;
            }
        }
        return Optional.of(new CryptsetupStatus(active, type, cipher));
    }

    /** "LUKS2 aes-xts-plain64", or what there is of it. */
    public String method() {
        return ((type == null ? "" : type) + " " + (cipher == null ? "" : cipher)).strip();
    }
}
