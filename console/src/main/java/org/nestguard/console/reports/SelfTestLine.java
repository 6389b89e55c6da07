package org.nestguard.console.reports;

import java.time.Duration;
import org.nestguard.console.store.SelfTestRecord;
import org.nestguard.console.store.SelfTests;

/** One self-test as the log shows it: the outcome in words, how long it took, and why it failed. */
public record SelfTestLine(SelfTestRecord test) {
    /** Passed, late, failed or waiting, as a reviewer reads it. */
    public String outcome() {
        return switch (test.status()) {
            case PASSED -> "Passed end to end";
            case LATE -> "Arrived late";
            case FAILED -> "Failed";
            case WAITING -> "Waiting";
        };
    }

    /** From asking to the canary flag at the console, such as "1 min 30 s"; empty when none came back. */
    public String took() {
        return test.endToEndMillis() == null ? "" : duration(test.endToEndMillis());
    }

    /** Why it did not pass, or empty when it did. */
    public String reason() {
        long allowed = SelfTests.TIMEOUT.toHours();
        return switch (test.status()) {
            case PASSED -> "";
            case LATE -> "The canary flag came back after " + took() + ", later than the " + allowed + " hours "
                    + "allowed: the device was probably off or offline.";
            case FAILED -> "No canary flag came back within " + allowed + " hours: check that the device is on, its "
                    + "agent is running and its browsers' history is being read.";
            case WAITING -> "Asked less than " + allowed + " hours ago; the device has not answered yet.";
        };
    }

    /** The status as a CSS class, for the outcome's colour. */
    public String statusClass() {
        return "status-" + test.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String duration(long millis) {
        Duration duration = Duration.ofMillis(millis);
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toSeconds() + " s";
    }
}
