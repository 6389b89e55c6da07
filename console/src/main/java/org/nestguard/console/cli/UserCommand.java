package org.nestguard.console.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.store.ApiKeys;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.IssuedApiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user add NAME [--role ROLE]... [--setting ID] [--device-account ACCOUNT]...} and {@code user list}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "People who use the console's API.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class})
public final class UserCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: user add NAME, or user list");
    }

    /** {@code user add NAME [--role ROLE]... [--setting ID] [--device-account ACCOUNT]...}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Creates an API key for a person with roles and prints it once (the UI issue replaces "
                    + "this with real accounts).")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME", description = "who the key is for")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", description = "admin (the default), technical, dsl, "
                + "deputy-dsl, manager or headteacher; repeat for several")
        List<String> roles = new ArrayList<>();

        @Option(names = "--setting", paramLabel = "ID", description = "the setting the person acts for; required "
                + "for dsl, deputy-dsl, manager and headteacher (absent: every setting)")
        String settingId;

        @Option(names = "--device-account", paramLabel = "ACCOUNT", description = "an OS account on setting devices "
                + "that is this person's own (e.g. jsmith), so flags about it never reach them; repeat for several")
        List<String> deviceAccounts = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Role> granted = roles.stream().map(Role::parse).toList();
            try (Database database = store.open()) {
                IssuedApiKey key = new ApiKeys(database, Clock.systemUTC(), new SecureRandom())
                        .create(name, granted, settingId, deviceAccounts);
                // the one place the key is shown: it is stored only as a hash
                spec.commandLine().getOut().println(key.secret());
                spec.commandLine().getErr().println("API key for '" + name + "' (" + describe(granted.isEmpty()
                        ? List.of(Role.ADMIN) : granted, settingId, deviceAccounts) + "), shown only now; send it "
                        + "as 'Authorization: Bearer <key>'. The UI issue replaces this with real accounts.");
            }
            return 0;
        }
    }

    /** {@code user list}: everyone with a key, their roles, setting and own accounts; never a key. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists people with API keys and roles.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (Person person : new ApiKeys(database, Clock.systemUTC(), new SecureRandom()).list()) {
                    out.println(person.name() + ": " + describe(person.roles().stream().sorted().toList(),
                            person.settingId(), person.deviceAccounts().stream().sorted().toList()));
                }
                out.flush();
            }
            return 0;
        }
    }

    private static String describe(List<Role> roles, String settingId, List<String> accounts) {
        return "roles " + String.join(", ", roles.stream().map(Role::id).toList())
                + (settingId == null ? "; every setting" : "; setting " + settingId)
                + (accounts.isEmpty() ? "" : "; own device accounts " + String.join(", ", accounts));
    }
}
