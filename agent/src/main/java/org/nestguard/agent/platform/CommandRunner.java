package org.nestguard.agent.platform;

import java.time.Duration;
import java.util.List;

/** The one seam through which probes run operating-system commands; tests replace it with fixtures. */
public interface CommandRunner {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Runs the command and waits for it.
     *
     * @throws ProbeException if the program is missing, cannot start or does not finish in time
     */
    CommandResult run(List<String> command, Duration timeout) throws ProbeException;

    default CommandResult run(String... command) throws ProbeException {
        return run(List.of(command), DEFAULT_TIMEOUT);
    }
}
