package org.nestguard.agent.platform.macos;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code sysadminctl -screenLock status}, which logs to stderr with an NSLog prefix (research §5 F5):
 * "... screenLock delay is immediate", "... screenLock delay is 300 seconds", "... screenLock is off", and
 * "screenLock delay is -1(.000000) seconds" (also off). The message is English whatever the locale.
 *
 * @param passwordRequired whether a password is needed after the screen saver or display sleep; null if unrecognised
 * @param delaySeconds     grace period before the password is required, when required
 * @param line             the matching line, or the whole output when nothing matched
 */
public record ScreenLockStatus(Boolean passwordRequired, Long delaySeconds, String line) {
    private static final Pattern STATUS = Pattern.compile(
            "(?i)screenLock (?:delay is (immediate|(-?\\d+)(?:\\.\\d+)?\\s*seconds?)|is off)");

    public static ScreenLockStatus parse(String output) {
        for (String line : output.replace("\r", "").split("\n")) {
            Matcher m = STATUS.matcher(line);
            if (m.find()) {
                String evidence = line.substring(m.start()).strip();
                if (m.group(1) == null) {
                    return new ScreenLockStatus(false, null, evidence);
                }
                if (m.group(1).equalsIgnoreCase("immediate")) {
                    return new ScreenLockStatus(true, 0L, evidence);
                }
                long seconds = Long.parseLong(m.group(2));
                return seconds < 0 ? new ScreenLockStatus(false, null, evidence)
                        : new ScreenLockStatus(true, seconds, evidence);
            }
        }
        return new ScreenLockStatus(null, null, output.strip());
    }
}
