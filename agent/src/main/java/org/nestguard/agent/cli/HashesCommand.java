package org.nestguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.HashList;
import org.nestguard.agent.files.HashListException;
import org.nestguard.agent.files.HashListStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashes}: imports, lists and removes the hash lists the file checks flag files with. */
@Command(name = "hashes", mixinStandardHelpOptions = true,
        description = "Imports, lists and removes hash lists (from the police or a filtering provider); the policy's "
                + "fileChecks.hashLists names the ones the file checks use.",
        subcommands = {HashesCommand.Import.class, HashesCommand.ListLists.class, HashesCommand.Remove.class})
public final class HashesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: import FILE --name NAME, list "
                + "or remove NAME");
    }

    /** {@code hashes import FILE --name NAME}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Reads a hash list and stores it in the agent's data folder under NAME, replacing a list "
                    + "of that name.",
                "FILE is plain text, one SHA-256, SHA-1 or MD5 hash a line in hex ('#' starts a comment; a file "
                    + "name after the hash, as sha256sum prints, is allowed), or CSV whose header names a hash "
                    + "column (sha256, sha1, md5 or hash). The whole list is refused if one entry is malformed."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:imported", "2:nothing imported: usage, unreadable or malformed list"})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the hash list")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "the name fileChecks.hashLists uses for it")
        String name;

        @Option(names = "--description", paramLabel = "TEXT",
                description = "what the DSL reads about a match, such as 'CAID category A (police)'")
        String description;

        @Option(names = "--column", paramLabel = "NAME",
                description = "the CSV column to read when the header names several hash columns")
        String column;

        @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: "
                + "${DEFAULT-VALUE})")
        Path data = AgentHome.defaultRoot();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                HashList list = new HashListStore(new AgentHome(data), Clock.systemUTC())
                        .importFile(file.toAbsolutePath().normalize(), name, description, column);
                out.printf("Imported hash list '%s': %d SHA-256, %d SHA-1, %d MD5 hashes (read as %s).%n",
                        list.name(), list.sha256().size(), list.sha1().size(), list.md5().size(),
                        list.source().substring(list.source().indexOf(": ") + 2));
                out.flush();
                return 0;
            } catch (HashListException e) {
                err.println("nothing imported: " + e.getMessage());
            } catch (IOException e) {
                err.println("nothing imported: " + e + "; check the path and that this account may read it and "
                        + "write " + data);
            }
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
    }

    /** {@code hashes list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Shows the imported hash lists.")
    static final class ListLists implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: "
                + "${DEFAULT-VALUE})")
        Path data = AgentHome.defaultRoot();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<HashList> lists;
            try {
                lists = new HashListStore(new AgentHome(data), Clock.systemUTC()).list();
            } catch (IOException | HashListException e) {
                err.println("cannot list the hash lists: " + e.getMessage());
                err.flush();
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            if (lists.isEmpty()) {
                out.println("No hash lists are imported in " + data + ".");
            }
            for (HashList list : lists) {
                out.printf("%-24s %9d SHA-256 %9d SHA-1 %9d MD5  imported %s from %s%s%n", list.name(),
                        list.sha256().size(), list.sha1().size(), list.md5().size(), list.imported(), list.source(),
                        list.description() == null ? "" : "  \"" + list.description() + "\"");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code hashes remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an imported hash list.",
            exitCodeListHeading = "Exit status:%n", exitCodeList = {"0:removed", "2:no such list, or usage"})
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: "
                + "${DEFAULT-VALUE})")
        Path data = AgentHome.defaultRoot();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (new HashListStore(new AgentHome(data), Clock.systemUTC()).remove(name)) {
                    out.println("Removed hash list '" + name + "'. A policy that names it will report it missing.");
                    out.flush();
                    return 0;
                }
                err.println("no hash list '" + name + "' is imported in " + data + "; 'hashes list' shows them");
            } catch (HashListException | IOException e) {
                err.println("not removed: " + e.getMessage());
            }
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
    }
}
