package org.nestguard.agent.platform.macos;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's last logon from {@code last -1 NAME} on macOS, whose lines carry no year:
 * "ada       console                   Mon Nov 18 08:55   still logged in" and, after a blank line,
 * "wtmp begins Mon Nov  4 07:58 " (the oldest record kept). The year is inferred only when it is certain: both dates
 * are taken as their most recent occurrence within the year before now, each printed weekday must match that date
 * (so a record from an earlier year is refused rather than moved into this one), and the logon must not be older than
 * the start of the log. Anything else leaves the logon null with the reason.
 *
 * @param at       when the user last logged on; null when never since the log began, or when it cannot be dated
 * @param evidence what was read, or why no date was given
 */
record LastLogin(Instant at, String evidence) {
    private static final Pattern DATE = Pattern.compile(
            "\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\\d{1,2}) (\\d{2}):(\\d{2})");

    /**
     * @param output what {@code last -1 NAME} printed
     * @param user   the account asked about; only a line starting with exactly this name counts
     * @param now    the current time in the zone {@code last} prints (the Mac's local time zone)
     */
    static LastLogin parse(String output, String user, ZonedDateTime now) {
        String session = null;
        String begins = null;
        for (String raw : output.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("wtmp begins")) {
                begins = line;
            } else if (session == null && (line.startsWith(user + " ") || line.startsWith(user + "\t"))) {
                session = line;
            }
        }
        if (begins == null) {
            return new LastLogin(null, "last printed no 'wtmp begins' line: '" + output.strip() + "'");
        }
        ZonedDateTime start = recent(begins, now);
        if (start == null) {
            return new LastLogin(null, "'" + begins + "' is not a date within the last year (its weekday does not "
                    + "fit): the log is older, so the year of a logon in it cannot be known");
        }
        if (session == null) {
            return new LastLogin(null, "no logon recorded since " + start.toLocalDate());
        }
        ZonedDateTime logon = recent(session, now);
        if (logon == null || logon.isBefore(start)) {
            return new LastLogin(null, "'" + session + "' cannot be dated: not within the last year after '" + begins
                    + "' with a matching weekday");
        }
        return new LastLogin(logon.toInstant(), "last -1 " + user + ": '" + session + "'");
    }

    /** The date in the line as its most recent occurrence within the year up to now, if the weekday agrees; else null. */
    private static ZonedDateTime recent(String line, ZonedDateTime now) {
        Matcher m = DATE.matcher(line);
        if (!m.find()) {
            return null;
        }
        Month month = null;
        for (Month candidate : Month.values()) {
            if (candidate.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equals(m.group(2))) {
                month = candidate;
            }
        }
        int day = Integer.parseInt(m.group(3));
        for (int year = now.getYear(); year >= now.getYear() - 1; year--) {
            LocalDateTime local;
            try {
                local = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            } catch (java.time.DateTimeException e) {
                continue; // Feb 29 in a year without one
            }
            // In the autumn overlap hour this takes the earlier offset; an hour either way does not matter here.
            ZonedDateTime candidate = local.atZone(now.getZone());
            if (!candidate.isAfter(now)) {
                if (!candidate.isAfter(now.minusYears(1))) {
                    return null;
                }
                String weekday = candidate.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                return weekday.equals(m.group(1)) ? candidate : null;
            }
        }
        return null;
    }
}
