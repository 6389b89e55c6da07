package org.nestguard.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as pages show them: English schools' local time (Europe/London), to the minute, with the zone named. */
public final class ShownTime {
    /** The zone pages show times in and forms read them in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.UK)
            .withZone(ZONE);

    private ShownTime() {
    }

    /** Such as "12 Jan 2026 10:00 GMT"; an empty string for null. */
    public static String of(Instant time) {
        return time == null ? "" : FORMAT.format(time);
    }
}
