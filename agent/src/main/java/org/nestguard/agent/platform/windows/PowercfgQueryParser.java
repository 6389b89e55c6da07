package org.nestguard.agent.platform.windows;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the setting indexes {@code powercfg /q <scheme> <subgroup> <setting>} prints ("Current AC Power Setting
 * Index: 0x00000001"). The labels are localized and only the English ones are understood: any other language gives
 * null, never a guess from line positions.
 */
public final class PowercfgQueryParser {
    private static final Pattern AC = Pattern.compile("(?m)^\\s*Current AC Power Setting Index:\\s*0x([0-9a-fA-F]{1,8})\\s*$");
    private static final Pattern DC = Pattern.compile("(?m)^\\s*Current DC Power Setting Index:\\s*0x([0-9a-fA-F]{1,8})\\s*$");

    /**
     * One setting's value plugged in and on battery.
     *
     * @param ac the index on mains power
     * @param dc the index on battery
     */
    public record Indexes(long ac, long dc) {
    }

    private PowercfgQueryParser() {
    }

    /** Both indexes, or null when the output does not hold both English lines. */
    public static Indexes parse(String output) {
        String text = output.replace("\uFEFF", "").replace("\r", "");
        Matcher ac = AC.matcher(text);
        Matcher dc = DC.matcher(text);
        if (!ac.find() || !dc.find()) {
            return null;
        }
        return new Indexes(Long.parseLong(ac.group(1), 16), Long.parseLong(dc.group(1), 16));
    }
}
