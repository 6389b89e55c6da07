package org.nestguard.console.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

/** Visits, flags and notices as an agent sends them, for the console's monitoring tests. */
public final class MonitoringFixture {
    /** Upload all, keep visits P90D and flags P6Y. */
    public static final String UPLOADS_ALL = "ditton-junior";
    /** Upload flagged only, keep flags P6Y. */
    public static final String UPLOADS_FLAGGED = "flagg-nursery";
    /** No history rule at all. */
    public static final String NO_HISTORY = "little-thetford-acorns";
    public static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");
    private static final ObjectMapper JSON = WireJson.mapper();

    private MonitoringFixture() {
    }

    /** The policy YAML of a setting in policies/settings. */
    public static String policy(String settingId) {
        try {
            return Files.readString(Path.of("..", "policies", "settings", settingId + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Chrome visit in profile Default, {@code minute} minutes after T0. */
    public static Visit visit(int minute, String url, String account, AccountKind kind) {
        return new Visit(T0.plus(Duration.ofMinutes(minute)), url, "Title of " + url, "chrome", "Default", account,
                kind, "link", null);
    }

    public static Visit learner(int minute, String url) {
        return visit(minute, url, "pupil1", AccountKind.LEARNER);
    }

    public static Visit staff(int minute, String url, String account) {
        return visit(minute, url, account, AccountKind.STAFF);
    }

    /** A history batch, recorded a minute after its newest visit. */
    public static Event visits(long sequence, Visit... visits) {
        Instant newest = Arrays.stream(visits).map(Visit::time).max(Instant::compareTo).orElseThrow();
        return new Event(sequence, newest.plus(Duration.ofMinutes(1)), HistoryVisits.TYPE,
                JSON.valueToTree(new HistoryVisits(List.of(visits))));
    }

    /** A flag with one matching rule per category, no context, not a self-test. */
    public static FlagRaised raised(String flagId, Visit visit, Severity severity, String... categories) {
        return new FlagRaised(flagId, visit, Arrays.stream(categories).map(category -> new Flag(category, severity,
                Flag.Source.DOMAIN, "default/" + category, UrlHost.of(visit.url()), "domain list default/"
                + category + " has " + UrlHost.of(visit.url()))).toList(), List.of(), List.of(), null);
    }

    /** The flag event, recorded a minute after its visit. */
    public static Event flag(long sequence, FlagRaised flag) {
        return new Event(sequence, flag.visit().time().plus(Duration.ofMinutes(1)), FlagRaised.TYPE,
                JSON.valueToTree(flag));
    }

    public static Event flag(long sequence, String flagId, Visit visit, Severity severity, String... categories) {
        return flag(sequence, raised(flagId, visit, severity, categories));
    }

    public static Event notice(long sequence, HistoryNotice.Kind kind, String account, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Event(sequence, at, HistoryNotice.TYPE, JSON.valueToTree(new HistoryNotice(kind, "chrome",
                "Default", account, at, kind == HistoryNotice.Kind.UNREADABLE
                ? "History is not a SQLite database: reinstall Chrome or remove the profile" : "History was cleared")));
    }
}
