package org.nestguard.agent.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.DeviceFactsReader;
import org.nestguard.agent.enrolment.Enroller;
import org.nestguard.agent.enrolment.EnrolmentException;
import org.nestguard.agent.enrolment.EnrolmentResult;
import org.nestguard.protocol.wire.DeviceFacts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enroll}: joins this device to a console, pinning the console's CA by fingerprint. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enrols this device with a Nestguard console using a token from 'nestguard-console token create'.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:enrolled", "2:usage error (URL, token or fingerprint malformed)",
                "3:console unreachable", "4:console refused (token unknown, used or expired ...)",
                "5:console not trusted (wrong fingerprint) or its answer unusable", "6:data folder not writable"})
public final class EnrollCommand implements Callable<Integer> {
    @Option(names = "--console", required = true, paramLabel = "URL", description = "the console, https://HOST:PORT")
    String console;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "the enrolment token")
    String token;

    @Option(names = "--ca-fingerprint", required = true, paramLabel = "SHA256",
            description = "the SHA-256 fingerprint of the console's CA, as the console printed it")
    String fingerprint;

    @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: ${DEFAULT-VALUE})")
    Path data = AgentHome.defaultRoot();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<DeviceFacts> facts;

    public EnrollCommand() {
        this(() -> new DeviceFactsReader().read());
    }

    EnrollCommand(Supplier<DeviceFacts> facts) {
        this.facts = facts;
    }

    @Override
    public Integer call() {
        return enroll(new AgentHome(data), facts, console, token, fingerprint, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** Enrols {@code home} and says what happened; shared with {@code run --config}. Never prints the token. */
    static int enroll(AgentHome home, Supplier<DeviceFacts> facts, String console, String token, String fingerprint,
                      PrintWriter out, PrintWriter err) {
        try {
            URI uri = Enroller.consoleUri(console);
            EnrolmentResult result = new Enroller(home, facts, Clock.systemUTC(), Duration.ofSeconds(20))
                    .enroll(uri, token, fingerprint);
            out.println("Enrolled as device " + result.enrolment().deviceId() + " in setting "
                    + result.enrolment().settingId() + " (policy version " + result.policyVersion() + ").");
            out.println("Data folder: " + home.root());
            result.previousOutbox().ifPresent(aside -> out.println("This device was enrolled before: its unsent "
                    + "events were moved to " + aside + " (the old certificate is revoked, so they cannot be sent;"
                    + " numbering starts again at 1)."));
            out.println("Start the agent with: nestguard-agent run --data " + home.root());
            out.flush();
            return 0;
        } catch (EnrolmentException e) {
            err.println("enrolment failed: " + e.getMessage());
            err.flush();
            return switch (e.kind()) {
                case INVALID_INPUT -> AgentCommand.USAGE_OR_POLICY_ERROR;
                case UNREACHABLE -> 3;
                case REFUSED -> 4;
                case UNTRUSTED_CONSOLE, INVALID_RESPONSE -> 5;
                case LOCAL_STORAGE -> 6;
            };
        }
    }
}
