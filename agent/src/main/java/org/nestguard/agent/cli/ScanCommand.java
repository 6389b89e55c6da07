package org.nestguard.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.files.DigestTable;
import org.nestguard.agent.files.FileIndex;
import org.nestguard.agent.files.FileRules;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.HashList;
import org.nestguard.agent.files.HashListException;
import org.nestguard.agent.files.HashListParser;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.LoadedHashLists;
import org.nestguard.agent.files.ScanSummary;
import org.nestguard.agent.files.StreamingHasher;
import org.nestguard.agent.files.WatchedFolder;
import org.nestguard.agent.files.WatchedFolders;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.policy.PlaceRule;
import org.nestguard.protocol.wire.WireJson;
import org.nestguard.protocol.monitoring.AccountKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scan PATH...}: reports the files that match hash lists or the policy's place rules, never isolating or
 * changing anything, for a technician checking a folder or a memory stick by hand.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Reports files under PATH that are on a hash list or break a place rule of the policy "
                + "(path, kind, hashes, rule). Nothing is isolated, moved or changed.",
            "With --policy, its place rules apply to a PATH ending in the rule's folder (.../Downloads), and the "
                + "hash lists it names are read from the agent's data folder."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:nothing matched", "1:something matched", "2:error: usage, unreadable list or policy, or "
                + "a file that could not be read (so the scan is incomplete)"})
public final class ScanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files or folders to scan (links inside are not "
            + "followed)")
    List<Path> paths;

    @Option(names = "--hash-list", paramLabel = "FILE", description = "a hash list file (plain hex or CSV), repeatable")
    List<Path> hashLists = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "a policy whose place rules and hash lists apply")
    Path policyFile;

    @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder, for the policy's hash lists "
            + "(default: ${DEFAULT-VALUE})")
    Path data = AgentHome.defaultRoot();

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return scan(out, err);
        } catch (UsageError e) {
            err.println(e.getMessage());
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
    }

    private int scan(PrintWriter out, PrintWriter err) throws UsageError {
        if (hashLists.isEmpty() && policyFile == null) {
            throw new UsageError("nothing to scan for: give --hash-list FILE or --policy FILE");
        }
        List<HashList> lists = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : hashLists) {
            lists.add(readList(file));
        }
        Policy policy = null;
        List<PlaceRule> placeRules = List.of();
        if (policyFile != null) {
            try {
                policy = new PolicyLoader().load(policyFile);
            } catch (PolicyException e) {
                throw new UsageError(e.getMessage());
            }
            if (policy.fileChecks() != null) {
                placeRules = policy.fileChecks().placeRules();
                try {
                    LoadedHashLists named = new HashListStore(new AgentHome(data), Clock.systemUTC())
                            .loadAll(policy.fileChecks().hashLists());
                    lists.addAll(named.lists());
                    problems.addAll(named.problems());
                } catch (IOException e) {
                    throw new UsageError("cannot read the hash lists in " + data + ": " + e.getMessage());
                }
            }
        }
        List<WatchedFolder> folders = new ArrayList<>();
        for (Path path : paths) {
            Path real;
            try {
                real = path.toRealPath();
            } catch (IOException e) {
                throw new UsageError(path + " does not exist or cannot be opened (" + e.getMessage() + ")");
            }
            folders.add(new WatchedFolder("", placeFolder(real, placeRules), real));
        }
        List<FileFlagged> flags = new ArrayList<>();
        FileScanner scanner = new FileScanner(FileIndex.inMemory(), new StreamingHasher(),
                (facts, matches, id) -> {
                    throw new IllegalStateException("the scan command never isolates");
                }, flags::add, Clock.systemUTC());
        FileRules rules = new FileRules(new LoadedHashLists(lists, problems), placeRules,
                policy == null ? null : policy.software(), false);
        // The scan command reports on paths it is given, not on accounts, so no file is attributed to a learner.
        scanner.use(new FileScanner.Plan(new WatchedFolders(folders, List.of()), rules, account -> AccountKind.STAFF,
                List.of()));
        ScanSummary summary;
        try {
            summary = scanner.rescan();
        } catch (IOException e) {
            throw new UsageError("the scan stopped: " + e.getMessage());
        }
        if (json) {
            printJson(out, summary, flags);
        } else {
            printText(out, err, summary, flags);
        }
        out.flush();
        err.flush();
        if (!flags.isEmpty()) {
            return 1;
        }
        return summary.problems().isEmpty() && summary.unreadable() == 0 ? 0 : AgentCommand.USAGE_OR_POLICY_ERROR;
    }

    /** The place rule folder a PATH ends in (so .../alice/Downloads gets the Downloads rules), else its name. */
    static String placeFolder(Path real, List<PlaceRule> rules) {
        Path folder = Files.isDirectory(real) ? real : real.getParent();
        for (PlaceRule rule : rules) {
            if (folder.endsWith(rule.folder())) {
                return rule.folder();
            }
        }
        return folder.getFileName() == null ? "/" : folder.getFileName().toString();
    }

    private static HashList readList(Path file) throws UsageError {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            HashListParser.Parsed parsed = HashListParser.parse(reader, file.toString(), null);
            return new HashList(file.getFileName().toString(), null, file + ": " + parsed.howRead(),
                    java.time.Instant.now(), DigestTable.of(32, parsed.sha256()), DigestTable.of(20, parsed.sha1()),
                    DigestTable.of(16, parsed.md5()));
        } catch (HashListException e) {
            throw new UsageError("the hash list cannot be used: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageError("the hash list " + file + " cannot be read: " + e);
        }
    }

    private static void printText(PrintWriter out, PrintWriter err, ScanSummary summary, List<FileFlagged> flags) {
        for (FileFlagged flag : flags) {
            out.println(flag.facts().path());
            out.println("  kind:   " + flag.facts().kind().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + flag.facts().size() + " bytes");
            out.println("  sha256: " + flag.facts().sha256());
            out.println("  sha1:   " + flag.facts().sha1());
            out.println("  md5:    " + flag.facts().md5());
            for (FileRuleMatch match : flag.matches()) {
                out.println("  rule:   " + describe(match));
            }
        }
        for (String problem : summary.problems()) {
            err.println("problem: " + problem);
        }
        if (summary.unreadable() > 0) {
            err.println(summary.unreadable() + " files could not be read (see the log above); the scan is "
                    + "incomplete");
        }
        out.printf("%d files scanned, %d matched.%n", summary.files(), flags.size());
    }

    private static String describe(FileRuleMatch match) {
        String kind = match.source() == FileRuleMatch.Source.HASH_LIST ? "hash list " : "place rule ";
        return kind + match.name() + " (" + match.matched() + ")" + (match.reason() == null ? "" : ": "
                + match.reason());
    }

    private static void printJson(PrintWriter out, ScanSummary summary, List<FileFlagged> flags) {
        ObjectMapper mapper = WireJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("scanned", summary.files());
        root.put("unreadable", summary.unreadable());
        ArrayNode matches = root.putArray("matches");
        for (FileFlagged flag : flags) {
            ObjectNode match = matches.addObject();
            match.set("file", mapper.valueToTree(flag.facts()));
            match.set("rules", mapper.valueToTree(flag.matches()));
        }
        root.set("problems", mapper.valueToTree(summary.problems()));
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mistake the user can fix; the message says how. */
    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }
}
