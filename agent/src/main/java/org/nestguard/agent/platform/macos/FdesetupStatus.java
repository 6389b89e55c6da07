package org.nestguard.agent.platform.macos;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code fdesetup status} says about FileVault on the boot volume (research §5 F4).
 *
 * @param fileVault        ON, OFF, or UNKNOWN when no line was recognised
 * @param progress         ENCRYPTING/DECRYPTING while a conversion runs, RESTART_PENDING when it waits for a
 *                         restart, otherwise NONE
 * @param percentCompleted the conversion's progress where printed, otherwise null
 * @param text             the output, trimmed, for the evidence
 */
public record FdesetupStatus(State fileVault, Progress progress, Double percentCompleted, String text) {

    /** FileVault's overall switch. */
    public enum State { ON, OFF, UNKNOWN }

    /** A conversion that is under way or waiting. */
    public enum Progress { NONE, ENCRYPTING, DECRYPTING, RESTART_PENDING }

    private static final Pattern PERCENT = Pattern.compile("Percent completed\\s*=\\s*(\\d+(?:[.,]\\d+)?)");

    /** Parses the output; lines it does not know are kept in {@code text} and leave the state UNKNOWN. */
    public static FdesetupStatus parse(String output) {
        String text = output == null ? "" : output.replace("\r", "").strip();
        State state = State.UNKNOWN;
        Progress progress = Progress.NONE;
        Double percent = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            // "FileVault is On.", "FileVault is On (2).", "FileVault is Off (Core Storage).", "FileVault is On, but ..."
            if (lower.startsWith("filevault is on")) {
                state = State.ON;
            } else if (lower.startsWith("filevault is off")) {
                state = State.OFF;
            }
            if (lower.contains("restart") && (lower.startsWith("filevault is") || lower.contains("deferred"))) {
                progress = Progress.RESTART_PENDING;
            }
            if (lower.startsWith("encryption in progress")) {
                progress = Progress.ENCRYPTING;
            } else if (lower.startsWith("decryption in progress")) {
                progress = Progress.DECRYPTING;
            }
            Matcher m = PERCENT.matcher(line);
            if (m.find()) {
                percent = Double.valueOf(m.group(1).replace(',', '.'));
            }
        }
        // A conversion line alone (no "FileVault is" line) still tells us the state.
        if (state == State.UNKNOWN && progress == Progress.ENCRYPTING) {
            state = State.ON;
        }
        return new FdesetupStatus(state, progress, percent, text);
    }
}
