package org.nestguard.console.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.EnrolmentTokens;
import org.nestguard.console.store.IssuedToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code token create}: makes an enrolment token for a setting and prints it once. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Enrolment tokens for devices.",
        subcommands = TokenCommand.Create.class)
public final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: token create --setting ID");
    }

    /** {@code token create --setting ID [--uses N] [--expires P7D]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an enrolment token and prints it once; it cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--setting", required = true, paramLabel = "ID", description = "the setting devices join")
        String settingId;

        @Option(names = "--uses", defaultValue = "1", paramLabel = "N",
                description = "how many devices may enrol with it (default: ${DEFAULT-VALUE})")
        int uses;

        @Option(names = "--expires", defaultValue = "P7D", paramLabel = "DURATION",
                description = "how long it stays valid, ISO-8601 (default: ${DEFAULT-VALUE})")
        String expires;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Duration validFor;
            try {
                validFor = Duration.parse(expires.strip());
            } catch (DateTimeParseException e) {
                spec.commandLine().getErr().println("--expires '" + expires + "' is not a duration; give ISO-8601 "
                        + "such as P7D (7 days) or PT12H (12 hours)");
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            }
            try (Database database = store.open()) {
                IssuedToken token = new EnrolmentTokens(database, Clock.systemUTC(), new SecureRandom())
                        .create(settingId, uses, validFor);
                // the one place the secret is shown: it is stored only as a hash
                spec.commandLine().getOut().println(token.secret());
                spec.commandLine().getErr().println("Token for setting '" + settingId + "': " + uses + " use(s), "
                        + "valid until " + token.token().expiresAt() + ". It is shown only now.");
            }
            return 0;
        }
    }
}
