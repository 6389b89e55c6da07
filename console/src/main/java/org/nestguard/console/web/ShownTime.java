package org.nestguard.console.web;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the pages show and read them: in England's time zone, where the settings are, to the minute. */
public final class ShownTime {
    /** The settings' time zone (GMT or BST): pages show times in it and forms read them in it. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private ShownTime() {
    }

    /** "12 Jan 2026 10:01", or "" for no time. */
    public static String of(Instant time) {
        return time == null ? "" : MINUTE.format(time.atZone(ZONE));
    }

    /** As {@link #of}, with "never" for no time: when a device was last seen, say. */
    public static String orNever(Instant time) {
        return time == null ? "never" : of(time);
    }

    /** "12 Jan 2026" for a time at midnight (a date given without a time), else as {@link #of}. */
    public static String dayOrMinute(Instant time) {
        if (time == null) {
            return "";
        }
        ZonedDateTime local = time.atZone(ZONE);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(local) : MINUTE.format(local);
    }

    /** The day as a date field wants it (2026-01-12), or "" for no time. */
    public static String date(Instant time) {
        return time == null ? "" : DATE.format(time.atZone(ZONE));
    }
}
