package org.nestguard.console.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.AuditVerification;
import org.nestguard.console.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code audit verify}: checks the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of safeguarding reads.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
    /** Exit status when the chain is broken. */
    static final int BROKEN = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: audit verify");
    }

    /** {@code audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every row's hash link; names the first broken row. Note the head hash it prints "
                    + "outside the console (the annual review record, say): a later check shows the log since.",
            exitCodeListHeading = "Exit status:%n", exitCodeList = {"0:intact", "1:broken", "2:usage error"})
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                AuditVerification result = new AuditLog(database, Clock.systemUTC()).verify();
                if (result.intact()) {
                    spec.commandLine().getOut().println("Audit log intact: " + result.rowsChecked() + " row(s); "
                            + "head hash " + result.headHash());
                    return 0;
                }
                spec.commandLine().getErr().println("Audit log broken at row " + result.firstBrokenId() + ": "
                        + result.problem() + ". Rows before it (" + result.rowsChecked() + ") check out; restore "
                        + "the database from a backup taken before the change and report it to the DSL.");
                return BROKEN;
            }
        }
    }
}
