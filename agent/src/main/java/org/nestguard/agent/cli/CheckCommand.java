package org.nestguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.nestguard.agent.check.CheckEngine;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.FirstSeenLedger;
import org.nestguard.agent.check.OsLifecycle;
import org.nestguard.agent.check.Status;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InterfaceAddressProbe;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: runs every control once against a policy file and prints the result. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks this device against a policy file and prints each control's status, evidence and clause.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:nothing failed", "1:a control is FAIL or UNKNOWN", "2:usage or policy error"})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "the setting's policy (YAML)")
    Path policyFile;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR",
            description = "read the file system under DIR instead of / (a test tree or a mounted disk image)")
    Path root;

    @Option(names = "--state", paramLabel = "DIR",
            description = "the agent's state folder, where it remembers when it first saw each pending update")
    Path state;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public CheckCommand() {
        this(Clock.systemUTC());
    }

    CheckCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Policy policy;
        try {
            policy = new PolicyLoader().load(policyFile);
        } catch (PolicyException e) {
            err.println("policy error: " + e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        if (root != null && !Files.isDirectory(root)) {
            err.println("--root " + root + " is not a folder; give the folder the inspected system is mounted at");
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        HostRoot hostRoot = root == null ? HostRoot.live() : new HostRoot(root);
        FirstSeenLedger ledger;
        try {
            ledger = state == null ? FirstSeenLedger.inMemory(clock)
                    : FirstSeenLedger.open(state.resolve("pending-updates.json"), clock);
        } catch (IOException e) {
            err.println("--state " + state + " cannot be used: " + e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        Platform platform = Platforms.forThisMachine(hostRoot, new ProcessCommandRunner(), clock);
        List<CheckResult> results = CheckEngine.standard(platform, new InterfaceAddressProbe(), OsLifecycle.bundled(),
                ledger, clock).run(policy);
        CheckReport report = CheckReport.of(policy, policyFile, platform.name(), clock.instant(), results);
        if (json) {
            out.println(report.toJson());
        } else {
            new TableReport(out).print(report);
        }
        out.flush();
        boolean clean = results.stream().allMatch(r -> r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE);
        return clean ? 0 : 1;
    }
}
