package org.nestguard.agent.platform.linux;

import java.util.List;
import java.util.Optional;

/**
 * The account a getty drop-in logs on automatically: systemd's {@code getty@tty1.service.d/*.conf} with
 * {@code ExecStart=-/sbin/agetty --autologin USER ...} (or {@code -a USER}, {@code --autologin=USER}), the usual way to
 * make a console log on by itself. An empty {@code ExecStart=} resets the list, so the last command line counts.
 */
public final class GettyAutologin {
    private GettyAutologin() {
    }

    /** The user of the last ExecStart= in these drop-in texts (in the order systemd reads them), if it autologs on. */
    public static Optional<String> user(List<String> dropIns) {
        String execStart = null;
        for (String text : dropIns) {
            for (String line : text.lines().map(String::strip).toList()) {
                if (line.startsWith("ExecStart=")) {
                    String value = line.substring("ExecStart=".length()).strip();
                    execStart = value.isEmpty() ? null : value;
                }
            }
        }
        if (execStart == null) {
            return Optional.empty();
        }
        String[] words = execStart.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("--autologin=")) {
                return Optional.of(words[i].substring("--autologin=".length()));
            }
            if ((words[i].equals("--autologin") || words[i].equals("-a")) && i + 1 < words.length) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }
}
