package org.nestguard.console.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.nestguard.console.store.ApiKeys;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.IssuedApiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code user add NAME}: an admin API key for people's JSON API, printed once. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "People who use the console's API.",
        subcommands = UserCommand.Add.class)
public final class UserCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: user add NAME");
    }

    /** {@code user add NAME}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Creates an admin API key and prints it once (the UI issue replaces this with real accounts).")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME", description = "who the key is for")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                IssuedApiKey key = new ApiKeys(database, Clock.systemUTC(), new SecureRandom()).create(name);
                // the one place the key is shown: it is stored only as a hash
                spec.commandLine().getOut().println(key.secret());
                spec.commandLine().getErr().println("API key for '" + name + "', shown only now; send it as "
                        + "'Authorization: Bearer <key>'. The UI issue replaces this with real accounts.");
            }
            return 0;
        }
    }
}
