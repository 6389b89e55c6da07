package org.nestguard.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as pages show them: in England's time, day first, to the minute; "never" for none. */
public final class PageTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private PageTimes() {
    }

    /** The time for a page, or "never". */
    public static String show(Instant time) {
        return time == null ? "never" : FORMAT.format(time);
    }
}
