package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonNoticeProbe;
import org.nestguard.agent.platform.ProbeException;

/**
 * The login window's policy banner ({@code /Library/Security/PolicyBanner.txt}, {@code .rtf}, or the
 * {@code .rtfd} package's {@code TXT.rtf}; macOS shows it before the login window and needs it accepted) and the
 * short {@code LoginwindowText} message under the login fields.
 */
public final class MacLogonNoticeProbe implements LogonNoticeProbe {
    static final String WHERE = "macOS login window";
    private static final String BANNER = "/Library/Security/PolicyBanner";

    private final CommandRunner runner;
    private final HostRoot root;

    public MacLogonNoticeProbe(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.root = root;
    }

    @Override
    public List<LogonNotice> notices() throws ProbeException {
        List<LogonNotice> notices = new ArrayList<>();
        for (String path : List.of(BANNER + ".txt", BANNER + ".rtf", BANNER + ".rtfd/TXT.rtf")) {
            var text = root.readIfExists(path);
            if (text.isPresent()) {
                String plain = path.endsWith(".rtf") ? RtfText.toPlainText(text.get())
                        : text.get().replace("\r\n", "\n").strip();
                if (!plain.isEmpty()) {
                    notices.add(new LogonNotice(null, plain, WHERE + " (policy banner)", LogonNotice.Stage.BEFORE_LOGON, path));
                }
            }
        }
        CommandResult message = runner.run("defaults", "read", "/Library/Preferences/com.apple.loginwindow",
                "LoginwindowText");
        // A missing key exits 1 with "does not exist" on stderr: no message configured.
        if (message.succeeded() && !message.stdout().isBlank()) {
            notices.add(new LogonNotice(null, message.stdout().strip(), WHERE + " (message under the login fields)",
                    LogonNotice.Stage.BEFORE_LOGON,
                    message.commandLine()));
        } else if (!message.succeeded() && !message.stderr().contains("does not exist")) {
            throw new ProbeException("'" + message.commandLine() + "' failed with exit " + message.exitCode() + ": "
                    + message.stderr().strip());
        }
        return notices;
    }
}
