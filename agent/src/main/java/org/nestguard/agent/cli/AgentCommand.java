package org.nestguard.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The agent's command line: {@code nestguard-agent check ...}. */
@Command(name = "nestguard-agent", mixinStandardHelpOptions = true, version = "Nestguard agent 0.1.0",
        description = "Checks this device against a setting's online safety policy.",
        subcommands = {CheckCommand.class, EnrollCommand.class, RunCommand.class, HistoryCommand.class,
                ListsCommand.class, HashesCommand.class, ScanCommand.class, QuarantineCommand.class,
                ConfigureCommand.class})
public final class AgentCommand implements Runnable {
    /** Exit status for a usage mistake or a policy that cannot be used. */
    static final int USAGE_OR_POLICY_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do, for example: check --policy FILE");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AgentCommand())
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                            + " --help' for the options.");
                    return USAGE_OR_POLICY_ERROR;
                });
    }
}
