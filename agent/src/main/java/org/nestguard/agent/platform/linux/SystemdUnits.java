package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * Whether a systemd unit runs: {@code systemctl is-active} when systemd runs the inspected system, otherwise whether
 * it is enabled (a symlink in an {@code /etc/systemd/system/*.wants} folder) and not masked.
 */
public final class SystemdUnits {
    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;

    public SystemdUnits(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
    }

    /**
     * A unit's state.
     *
     * @param on       active (live) or enabled (files); null when neither could be read
     * @param evidence what was read
     */
    public record UnitState(Boolean on, String evidence) {
    }

    public UnitState state(String unit) {
        if (liveSystem && root.exists("/run/systemd/system")) {
            try {
                CommandResult result = runner.run("systemctl", "is-active", unit);
                String answer = result.stdout().strip();
                // is-active prints active/inactive/failed/activating...; anything else (empty) means it could not tell
                if (!answer.isEmpty()) {
                    return new UnitState(answer.equals("active"), "systemctl is-active " + unit + ": " + answer);
                }
            } catch (ProbeException e) {
                // fall through to the unit files
            }
        }
        String where = liveSystem ? "systemd is not running here, so " : "";
        if (Files.isSymbolicLink(root.resolve("/etc/systemd/system/" + unit))
                && readLink(root.resolve("/etc/systemd/system/" + unit)).equals("/dev/null")) {
            return new UnitState(false, where + unit + " is masked (/etc/systemd/system/" + unit + " -> /dev/null)");
        }
        Path system = root.resolve("/etc/systemd/system");
        if (Files.isDirectory(system)) {
            try (Stream<Path> dirs = Files.list(system)) {
                for (Path wants : dirs.filter(p -> p.getFileName().toString().endsWith(".wants")).sorted().toList()) {
                    if (Files.exists(wants.resolve(unit), LinkOption.NOFOLLOW_LINKS)) {
                        return new UnitState(true, where + unit + " is enabled (/etc/systemd/system/"
                                + wants.getFileName() + "/" + unit + "); enabled is not proof that it runs now");
                    }
                }
            } catch (IOException e) {
                return new UnitState(null, "could not list /etc/systemd/system: " + e.getMessage());
            }
        }
        return new UnitState(false, where + unit + " is not enabled (no /etc/systemd/system/*.wants/" + unit + ")");
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
