package org.nestguard.console.cli;

import org.nestguard.console.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The console's command line: {@code nestguard-console serve|token|policy|device|account|audit ...}. */
@Command(name = "nestguard-console", mixinStandardHelpOptions = true, version = "Nestguard console 0.1.0",
        description = "Runs the Nestguard console and manages its settings, tokens, devices and accounts.",
        subcommands = {ServeCommand.class, TokenCommand.class, PolicyCommand.class, DeviceCommand.class,
                AccountCommand.class, AuditCommand.class, EvidenceCommand.class})
public final class ConsoleCommand implements Runnable {
    /** Exit status for a usage mistake, a refused request or a policy that cannot be used. */
    static final int USAGE_OR_POLICY_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do, for example: serve --data DIR");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ConsoleCommand())
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                            + " --help' for the options.");
                    return USAGE_OR_POLICY_ERROR;
                })
                // store and argument refusals already say what to do: print the sentence, not a stack trace
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof StoreException || e instanceof IllegalArgumentException
                            || e instanceof IllegalStateException) {
                        cmd.getErr().println(e.getMessage());
                        return USAGE_OR_POLICY_ERROR;
                    }
                    throw e;
                });
    }
}
