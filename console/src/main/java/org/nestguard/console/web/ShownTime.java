package org.nestguard.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the pages show and read them: in England's time zone, where the settings are, to the minute. */
public final class ShownTime {
    /** The settings' time zone (GMT or BST). */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private ShownTime() {
    }

    /** "12 Jan 2026 10:01", or "" for no time. */
    public static String of(Instant time) {
        return time == null ? "" : MINUTE.format(time.atZone(ZONE));
    }

    /** The day as a date field wants it (2026-01-12), or "" for no time. */
    public static String date(Instant time) {
        return time == null ? "" : DATE.format(time.atZone(ZONE));
    }
}
