package org.nestguard.console.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.Role;
import org.nestguard.console.pki.SecretsKey;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.IssuedPassword;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code account add|reset-password|list|disable|device-accounts}: the console accounts people sign in to the web
 * pages and people's API with.
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Console accounts for the web pages and "
        + "people's API.", subcommands = {AccountCommand.Add.class, AccountCommand.ResetPassword.class,
                AccountCommand.ListAccounts.class, AccountCommand.Disable.class, AccountCommand.DeviceAccounts.class})
public final class AccountCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The input a password is read from; tests replace it. */
    static InputStream stdin = System.in;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: account add NAME --role ROLE "
                + "--setting ID, account reset-password NAME, account list, account disable NAME or account "
                + "device-accounts NAME --add ACCOUNT");
    }

    private static Accounts accounts(Database database, StoreOptions store) {
        Clock clock = Clock.systemUTC();
        return new Accounts(database, clock, new SecureRandom(), new AuditLog(database, clock),
                PasswordHashing.OWASP, SecretsKey.openOrCreate(store.dataDir));
    }

    /**
     * {@code account add NAME --role ROLE[@SETTING]... [--setting ID] [--device-account ACCOUNT]...
     * [--password-stdin]}.
     */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Creates an account and prints a "
            + "one-time password that must be changed at first sign-in.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME", description = "the name the person signs in with")
        String name;

        @Option(names = "--role", paramLabel = "ROLE[@SETTING]", required = true, description = "admin, technical, "
                + "dsl, deputy-dsl, manager or headteacher, optionally @SETTING for that role only; repeat for several")
        List<String> roles = new ArrayList<>();

        @Option(names = "--setting", paramLabel = "ID", description = "the setting for roles given without @SETTING; "
                + "required for dsl, deputy-dsl, manager and headteacher (absent: every setting)")
        String settingId;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input "
                + "instead of making a one-time one (at least " + PasswordHashing.MIN_LENGTH + " characters)")
        boolean passwordStdin;

        @Option(names = "--device-account", paramLabel = "ACCOUNT", description = "an OS account on setting devices "
                + "that is this person's own, so history and flags about it never reach them; repeat for several")
        List<String> deviceAccounts = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Set<Grant> grants = new LinkedHashSet<>();
            for (String role : roles) {
                int at = role.indexOf('@');
                grants.add(at < 0 ? new Grant(Role.parse(role), settingId)
                        : new Grant(Role.parse(role.substring(0, at)), role.substring(at + 1)));
            }
            String password = passwordStdin ? readPassword() : null;
            try (Database database = store.open()) {
                IssuedPassword issued = accounts(database, store).add(name, List.copyOf(grants), deviceAccounts, password,
                        Accounts.COMMAND_LINE);
                if (issued.oneTimePassword() != null) {
                    // the one place it is shown: the store holds only its Argon2id hash
                    spec.commandLine().getOut().println(issued.oneTimePassword());
                }
                spec.commandLine().getErr().println("Account '" + name + "' (" + describe(issued.account()) + ") "
                        + (issued.oneTimePassword() != null ? "created; its one-time password is shown only now and "
                        + "must be changed at first sign-in" : "created with the password given")
                        + (issued.account().totpRequired() ? "; an authenticator (TOTP) is set up at first sign-in"
                        : "") + ".");
            }
            return 0;
        }
    }

    /** {@code account reset-password NAME [--reset-totp]}. */
    @Command(name = "reset-password", mixinStandardHelpOptions = true, description = "Gives the account a new "
            + "one-time password (printed once) to change at next sign-in, and ends its sessions.")
    static final class ResetPassword implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reset-totp", description = "also remove the authenticator (a lost phone): the person "
                + "sets up a new one at sign-in")
        boolean resetTotp;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                String password = accounts(database, store).resetPassword(name, resetTotp, Accounts.COMMAND_LINE);
                spec.commandLine().getOut().println(password);
                spec.commandLine().getErr().println("New one-time password for '" + name + "', shown only now; it "
                        + "must be changed at next sign-in" + (resetTotp ? "; the authenticator was removed" : "")
                        + ".");
            }
            return 0;
        }
    }

    /** {@code account list}: names, roles per setting, authenticator and state; never a secret. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists console accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (Account account : accounts(database, store).list()) {
                    out.println(account.name() + ": " + describe(account) + "; authenticator "
                            + (account.totpEnrolled() ? "set up" : account.totpRequired() ? "required, not set up"
                            : "not required") + (account.mustChangePassword() ? "; must change password" : "")
                            + (account.enabled() ? "" : "; disabled " + account.disabledAt()));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code account device-accounts NAME --add ACCOUNT... --remove ACCOUNT...}. */
    @Command(name = "device-accounts", mixinStandardHelpOptions = true, description = "Adds or removes the OS "
            + "accounts on setting devices that are the person's own: history and flags about them never reach "
            + "the person.")
    static final class DeviceAccounts implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--add", paramLabel = "ACCOUNT", description = "an OS account to add; repeat for several")
        List<String> add = new ArrayList<>();

        @Option(names = "--remove", paramLabel = "ACCOUNT", description = "an OS account to remove; repeat for "
                + "several")
        List<String> remove = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                Account account = accounts(database, store).changeDeviceAccounts(name, add, remove, Accounts.COMMAND_LINE);
                spec.commandLine().getErr().println("Account '" + account.name() + "' now has " + own(account)
                        + ".");
            }
            return 0;
        }
    }

    /** {@code account disable NAME}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stops an account signing in and "
            + "ends its sessions.")
    static final class Disable implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                accounts(database, store).disable(name, Accounts.COMMAND_LINE);
                spec.commandLine().getErr().println("Account '" + name + "' disabled; its sessions ended.");
            }
            return 0;
        }
    }

    private static String readPassword() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin was given but standard input had no password: "
                    + "pipe it in on the first line, or leave the option out to get a one-time password");
        }
        return line;
    }

    private static String describe(Account account) {
        return "roles " + String.join(", ", account.grants().stream()
                .map(grant -> grant.role().id() + " in " + grant.settingLabel()).toList())
                + (account.deviceAccounts().isEmpty() ? "" : "; " + own(account));
    }

    private static String own(Account account) {
        return account.deviceAccounts().isEmpty() ? "no own device accounts"
                : "own device accounts " + String.join(", ", new java.util.TreeSet<>(account.deviceAccounts()));
    }
}
