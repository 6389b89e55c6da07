package org.nestguard.protocol.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Event {@value #TYPE}: something about a profile's history itself. A cleared history or a removed profile is
 * worth a DSL's attention; an unreadable one tells technical staff that monitoring has a gap on this device.
 *
 * @param kind     what happened
 * @param browser  the browser's name
 * @param profile  the profile's name
 * @param account  the local account
 * @param noticed  when the agent noticed
 * @param detail   one sentence: what was seen, or the exact error and what to do about it
 */
public record HistoryNotice(Kind kind, String browser, String profile, String account, Instant noticed,
                            String detail) {
    public static final String TYPE = "history-notice";

    public HistoryNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(noticed, "noticed");
        Objects.requireNonNull(detail, "detail");
    }

    /** What happened to a profile's history. */
    public enum Kind {
        /** Visits the agent had seen are gone, or the database restarted its ids: history was cleared. */
        @JsonProperty("cleared") CLEARED,
        /** A profile the agent collected from no longer exists. */
        @JsonProperty("profileRemoved") PROFILE_REMOVED,
        /** The history file could not be read: corrupt, truncated, empty or not the expected schema. */
        @JsonProperty("unreadable") UNREADABLE
    }
}
