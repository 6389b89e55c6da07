package org.nestguard.console.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.store.Commands;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.policy.PolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy import FILE}: makes a policy file its setting's current policy and sends it to the devices. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Settings' policies.",
        subcommands = PolicyCommand.Import.class)
public final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: policy import FILE");
    }

    /** {@code policy import FILE [--reason TEXT]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Validates a policy file, stores it as its setting's next version (adding the setting if "
                    + "new) and queues it for every device of the setting.",
            exitCodeListHeading = "Exit status:%n", exitCodeList = {"0:imported", "2:usage or policy error"})
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "FILE", description = "the setting's policy (YAML)")
        Path file;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "imported from the command line",
                description = "why the policy changed, kept with the version (default: ${DEFAULT-VALUE})")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String yaml;
            try {
                yaml = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("policy error: " + file + ": cannot be read (" + e.getMessage()
                        + "); check the path and that you may read it");
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            }
            try (Database database = store.open()) {
                Clock clock = Clock.systemUTC();
                PolicyPublisher.Published published = new PolicyPublisher(new Settings(database, clock),
                        new Commands(database, clock)).publish(file.toString(), yaml, null, true,
                        System.getProperty("user.name", "command line"), reason);
                spec.commandLine().getOut().println((published.settingAdded() ? "Added setting '" : "Setting '")
                        + published.settingId() + "': policy version " + published.version() + " is current; sent "
                        + "to " + published.devicesQueued() + " device(s).");
                return 0;
            } catch (PolicyException e) {
                // the same wording as the agent's check command, so one fix serves both
                spec.commandLine().getErr().println("policy error: " + e.getMessage());
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            }
        }
    }
}
