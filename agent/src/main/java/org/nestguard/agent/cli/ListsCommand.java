package org.nestguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nestguard.agent.classify.ListKind;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.ListName;
import org.nestguard.agent.classify.ListStore;
import org.nestguard.agent.classify.LoadedList;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ImportedList;
import org.nestguard.agent.classify.importer.ListFormat;
import org.nestguard.agent.classify.importer.ListImportException;
import org.nestguard.agent.classify.importer.SkippedLine;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.policy.CategoryRule;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lists}: imports, shows and removes the lists the classifier flags visits with. */
@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Imports, shows and removes the classifier's lists (the agent also ships its own).",
        subcommands = {ListsCommand.Import.class, ListsCommand.Show.class, ListsCommand.Remove.class})
public final class ListsCommand implements Runnable {
    /** Skipped lines printed before "and N more"; all of them are in the import's report file. */
    static final int SKIPPED_SHOWN = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: import FORMAT PATH, list or "
                + "remove NAME");
    }

    /** The agent's data folder option, as the other commands name it. */
    static final class Home {
        @Option(names = {"--data", "--home"}, paramLabel = "DIR",
                description = "the agent's data folder (default: ${DEFAULT-VALUE})")
        Path data = AgentHome.defaultRoot();
    }

    /** {@code lists import FORMAT PATH}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Reads a list in another project's format and stores it, normalised, in the agent's "
                    + "data folder; the agent uses it with its own lists for every category the policy monitors.",
                "FORMAT is one of:",
                "  ut1         a UT1 category folder, or the folder of all of them",
                "  hosts       a hosts file of 0.0.0.0 entries (needs --category)",
                "  domains     a file of one domain a line (needs --category)",
                "  e2guardian  an e2guardian weighted phrase list, such as",
                "              /etc/e2guardian/lists/weightedphraselist"},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:imported", "2:nothing imported: usage, unreadable or unusable list"})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FORMAT", description = "ut1, hosts, domains or e2guardian")
        String format;

        @Parameters(index = "1", paramLabel = "PATH", description = "the file or folder to import")
        Path path;

        @Option(names = "--category", paramLabel = "C",
                description = "the category the entries count toward, such as gambling or gaming; required for "
                        + "hosts and domains, overrides UT1's and e2guardian's own")
        String category;

        @Option(names = "--name", paramLabel = "N",
                description = "what to call this import (default: the format's name); importing the same name "
                        + "again replaces it")
        String name;

        @CommandLine.Mixin
        Home home = new Home();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Clock clock;

        Import() {
            this(Clock.systemUTC());
        }

        Import(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<ListFormat> reader = ListFormat.named(format);
            if (reader.isEmpty()) {
                err.println("unknown format '" + format + "'; expected one of:");
                ListFormat.all().forEach(f -> err.printf("  %-11s %s%n", f.name(), f.describe()));
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            String importName = name == null ? reader.get().name() : name;
            if (!ListName.isValid(importName) || importName.equals(ListName.DEFAULT)) {
                err.println("--name '" + importName + "' cannot name an import; expected 1 to 40 lower-case letters, "
                        + "digits, '.', '_' or '-', and not 'default' (the agent's own lists)");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            ImportResult result;
            Path source = path.toAbsolutePath().normalize();
            try {
                result = reader.get().read(source, category);
            } catch (ListImportException e) {
                err.println("nothing imported: " + e.getMessage());
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            } catch (IOException e) {
                err.println("nothing imported: " + path + " cannot be read (" + e + "); check the path and that "
                        + "this account may read it");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            AgentHome agentHome = new AgentHome(home.data);
            ListStore store = new ListStore(agentHome.lists());
            boolean replaced;
            try {
                replaced = store.write(importName, result, clock.instant(), "nestguard-agent lists import " + format
                        + " " + source + (category == null ? "" : " --category " + category)
                        + (name == null ? "" : " --name " + name));
            } catch (IOException e) {
                err.println("nothing imported: the lists cannot be written to " + store.folder() + " (" + e + "); "
                        + "run as the account the agent runs as, or give its folder with --data");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            Path folder = store.folderOf(importName);
            out.println("Imported " + format + " from " + source + " as '" + importName + "' into " + folder
                    + (replaced ? " (replacing the earlier import of that name)" : "") + ":");
            for (ImportedList list : result.lists()) {
                Map<ListKind, Integer> entries = new EnumMap<>(ListKind.class);
                for (ListKind kind : ListKind.values()) {
                    entries.put(kind, list.count(kind));
                }
                out.printf("  %-36s %-29s %s%n", importName + "/" + list.name(), "-> " + list.category(),
                        counts(entries));
            }
            printSkipped(result.skipped(), folder, out);
            if (!result.notes().isEmpty()) {
                out.println("Notes:");
                result.notes().forEach(n -> out.println("  " + n));
            }
            unmonitored(agentHome, result, out);
            out.println("The agent uses these lists the next time it builds its classifier (when it starts and when "
                    + "its policy changes).");
            out.flush();
            return 0;
        }

        private static void printSkipped(List<SkippedLine> skipped, Path folder, PrintWriter out) {
            if (skipped.isEmpty()) {
                return;
            }
            out.println("Skipped " + skipped.size() + " line" + (skipped.size() == 1 ? "" : "s") + " (every one is "
                    + "in " + folder.resolve("import-report.txt") + "):");
            skipped.stream().limit(SKIPPED_SHOWN).forEach(s -> out.println("  " + s));
            if (skipped.size() > SKIPPED_SHOWN) {
                out.println("  ... and " + (skipped.size() - SKIPPED_SHOWN) + " more");
            }
        }

        /** Says which imported categories the stored policy does not monitor, so nobody expects flags from them. */
        private static void unmonitored(AgentHome home, ImportResult result, PrintWriter out) {
            Optional<List<String>> monitored = monitoredCategories(home);
            if (monitored.isEmpty()) {
                return;
            }
            List<String> idle = result.lists().stream().map(ImportedList::category)
                    .filter(c -> !c.equals(ListLibrary.ALLOW) && !monitored.get().contains(c)).distinct().toList();
            if (!idle.isEmpty()) {
                out.println("Not used while the stored policy does not monitor: " + String.join(", ", idle)
                        + " (add it to monitoring.history.categories in the setting's policy)");
            }
        }
    }

    /** {@code lists list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Shows every list the classifier loads: the agent's own and the imported ones.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        Home home = new Home();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AgentHome agentHome = new AgentHome(home.data);
            ListLibrary library;
            try {
                library = ListLibrary.load(agentHome.lists());
            } catch (IOException e) {
                err.println("the lists in " + agentHome.lists() + " cannot be read (" + e + ")");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            Optional<List<String>> monitored = monitoredCategories(agentHome);
            out.printf("%-36s %-32s %-40s %s%n", "LIST", "CATEGORY", "ENTRIES", "FROM");
            for (LoadedList list : library.lists()) {
                boolean used = list.category().equals(ListLibrary.ALLOW)
                        || monitored.map(m -> m.contains(list.category()))
                                .orElse(Categories.STANDARD.containsKey(list.category()));
                out.printf("%-36s %-32s %-40s %s%n", list.name(), list.category() + (used ? "" : " (not monitored)"),
                        counts(list.entries()), list.from());
            }
            if (monitored.isEmpty()) {
                out.println("No policy is stored in " + agentHome.root() + ": only the standard categories are shown "
                        + "as monitored.");
            }
            if (!library.problems().isEmpty()) {
                out.println("Problems (those lines or lists are not used):");
                library.problems().forEach(p -> out.println("  " + p));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code lists remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an import.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the import's name, as 'lists list' shows it "
                + "before the '/'")
        String name;

        @CommandLine.Mixin
        Home home = new Home();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ListStore store = new ListStore(new AgentHome(home.data).lists());
            try {
                if (!ListName.isValid(name) || name.equals(ListName.DEFAULT)) {
                    err.println("'" + name + "' is not an import's name; the agent's own lists cannot be removed");
                    return AgentCommand.USAGE_OR_POLICY_ERROR;
                }
                if (!store.remove(name, Clock.systemUTC().instant())) {
                    err.println("there is no import called '" + name + "' in " + store.folder() + "; imports: "
                            + (store.names().isEmpty() ? "none" : String.join(", ", store.names())));
                    return AgentCommand.USAGE_OR_POLICY_ERROR;
                }
            } catch (IOException e) {
                err.println("the import '" + name + "' cannot be removed from " + store.folder() + " (" + e + ")");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            out.println("Removed the import '" + name + "'.");
            out.flush();
            return 0;
        }
    }

    /** "2 domains, 1 URL prefix": the kinds that have entries. */
    static String counts(Map<ListKind, Integer> entries) {
        List<String> parts = new ArrayList<>();
        addCount(parts, entries.getOrDefault(ListKind.DOMAINS, 0), "domain", "domains");
        addCount(parts, entries.getOrDefault(ListKind.URLS, 0), "URL prefix", "URL prefixes");
        addCount(parts, entries.getOrDefault(ListKind.EXPRESSIONS, 0), "expression", "expressions");
        addCount(parts, entries.getOrDefault(ListKind.PHRASES, 0), "phrase", "phrases");
        return parts.isEmpty() ? "no entries" : String.join(", ", parts);
    }

    private static void addCount(List<String> parts, int count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
        }
    }

    /** The categories the stored policy monitors, or empty when no usable policy is stored. */
    static Optional<List<String>> monitoredCategories(AgentHome home) {
        if (!Files.isRegularFile(home.policyYaml())) {
            return Optional.empty();
        }
        try {
            Policy policy = new PolicyLoader().parse(home.policyYaml().toString(), home.readPolicyYaml());
            HistoryRule history = policy.monitoring() == null ? null : policy.monitoring().history();
            List<String> names = new ArrayList<>(Categories.ORDER);
            if (history != null) {
                history.categories().stream().map(CategoryRule::name).forEach(names::add);
            }
            return Optional.of(names);
        } catch (IOException | PolicyException e) {
            return Optional.empty();
        }
    }
}
