package org.nestguard.agent.platform.windows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses WMI's DMTF datetime text ({@code yyyymmddHHMMSS.mmmmmmsUUU}, offset in minutes) into an instant. */
public final class WmiDateTime {
    private static final Pattern DMTF = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})\\.(\\d{6})([+-])(\\d{3})");

    private WmiDateTime() {
    }

    /** Returns null when the text is not a complete DMTF datetime or is Windows' "never" date (year 1600/1601). */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DMTF.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year <= 1601) {
            return null;
        }
        LocalDateTime local = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                Integer.parseInt(m.group(7)) * 1000);
        int offsetMinutes = Integer.parseInt(m.group(9)) * (m.group(8).equals("-") ? -1 : 1);
        return local.toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }
}
