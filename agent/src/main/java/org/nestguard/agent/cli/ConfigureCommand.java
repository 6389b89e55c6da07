package org.nestguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nestguard.agent.enrolment.AgentConfig;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.Enroller;
import org.nestguard.agent.enrolment.EnrolmentException;
import org.nestguard.protocol.crypto.Fingerprint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code configure}: writes agent.yaml for {@code run --config}; what the Windows MSI and the macOS pkg call. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Writes the agent's configuration file (owner-only: it holds the enrolment token), which "
                + "'run --config FILE' reads to enrol on its first start. Nothing is sent anywhere.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:written", "2:a value is malformed (nothing written)", "6:the file cannot be written"})
public final class ConfigureCommand implements Callable<Integer> {
    @Option(names = "--console", required = true, paramLabel = "URL", description = "the console, https://HOST:PORT")
    String console;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "the enrolment token")
    String token;

    @Option(names = "--ca-fingerprint", required = true, paramLabel = "SHA256",
            description = "the SHA-256 fingerprint of the console's CA, as the console printed it")
    String fingerprint;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the file to write")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: ${DEFAULT-VALUE})")
    Path data = AgentHome.defaultRoot();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Enroller.consoleUri(console);
            Fingerprint.parse(fingerprint);
        } catch (EnrolmentException | IllegalArgumentException e) {
            err.println("nothing written: " + e.getMessage());
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        if (token.isBlank() || !token.strip().matches("[A-Za-z0-9._~+/=-]+")) {
            err.println("nothing written: the token is empty or has characters a token from 'nestguard-console token "
                    + "create' never has");
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        try {
            new AgentConfig(console.strip(), token.strip(), fingerprint.strip(), data).write(config);
        } catch (IOException e) {
            err.println(config + " cannot be written: " + e.getMessage() + "; run this as the administrator or root");
            err.flush();
            return 6;
        }
        out.println("Wrote " + config + " for console " + console.strip() + "; the agent enrols on its next start.");
        out.flush();
        return 0;
    }
}
