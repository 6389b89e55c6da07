package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.FirewallProbe;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.ProbeException;

/**
 * The macOS Application Firewall from {@code socketfilterfw --getglobalstate} (research §5 F6). State 1 (on) and
 * 2 (block all incoming) are enabled, 0 is off; stealth mode and block-all go into the detail. socketfilterfw prints
 * English whatever the locale; an unrecognised line leaves {@code enabled} null.
 */
public final class MacFirewallProbe implements FirewallProbe {
    static final String SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw";
    private static final Pattern STATE = Pattern.compile("\\(State\\s*=\\s*(\\d)\\)");

    private final CommandRunner runner;

    public MacFirewallProbe(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<FirewallState> firewalls() throws ProbeException {
        CommandResult global = runner.run(SOCKETFILTERFW, "--getglobalstate");
        ToolOutput output = ToolOutput.of(global);
        String text = output.text();
        if (!global.succeeded() && text.isEmpty()) {
            throw new ProbeException("'" + global.commandLine() + "' failed with exit " + global.exitCode()
                    + " and printed nothing; run the agent as root");
        }
        Boolean enabled = parseGlobalState(text);
        List<String> detail = new ArrayList<>();
        detail.add(output.firstLine());
        if (text.contains("State = 2")) {
            detail.add("blocks all incoming connections");
        }
        detail.add(optionalLine("--getstealthmode"));
        detail.add(optionalLine("--getblockall"));
        detail.removeIf(String::isEmpty);
        return List.of(new FirewallState("Application Firewall", enabled, String.join("; ", detail),
                SOCKETFILTERFW + " --getglobalstate"));
    }

    /** True for "enabled"/State 1 or 2, false for "disabled"/State 0, null for anything else. */
    static Boolean parseGlobalState(String text) {
        Matcher m = STATE.matcher(text);
        if (m.find()) {
            return switch (m.group(1)) {
                case "0" -> Boolean.FALSE;
                case "1", "2" -> Boolean.TRUE;
                default -> null;
            };
        }
        if (text.contains("Firewall is enabled")) {
            return Boolean.TRUE;
        }
        if (text.contains("Firewall is disabled")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private String optionalLine(String option) {
        try {
            CommandResult result = runner.run(SOCKETFILTERFW, option);
            return ToolOutput.of(result).firstLine();
        } catch (ProbeException e) {
            return "";
        }
    }
}
