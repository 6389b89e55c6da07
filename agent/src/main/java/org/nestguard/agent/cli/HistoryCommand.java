package org.nestguard.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.VisitClassifier;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.history.ChromiumHistoryReader;
import org.nestguard.agent.history.FirefoxHistoryReader;
import org.nestguard.agent.history.Harvest;
import org.nestguard.agent.history.HistoryCollector;
import org.nestguard.agent.history.HistoryCursors;
import org.nestguard.agent.history.HistoryFormat;
import org.nestguard.agent.history.HistoryReader;
import org.nestguard.agent.history.ProfileHarvest;
import org.nestguard.agent.history.SafariHistoryReader;
import org.nestguard.agent.history.SearchTerms;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.service.PolicyAccountKinds;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.wire.WireJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code history}: the visits the agent would collect now, each with its classification, printed and not sent. It
 * reads a copy of the agent's cursors, so the running agent's progress is untouched.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Prints the browser visits the agent would collect now, with the categories each is flagged "
                + "in, without sending anything.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:printed (some profiles may be unreadable: see the notices)", "2:usage or policy error"})
public final class HistoryCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON instead of lines")
    boolean json;

    @Option(names = "--since", paramLabel = "TIME", description = "only visits at or after TIME: an instant "
            + "(2026-11-30T09:00:00Z), a date (2026-11-30, local midnight) or a duration back from now (PT2H, P1D)")
    String since;

    @Option(names = "--user", paramLabel = "NAME", description = "only this local account's profiles")
    String user;

    @Option(names = "--root", paramLabel = "DIR",
            description = "read homes under DIR instead of / (a test tree or a mounted disk image; Linux and macOS)")
    Path root;

    @Option(names = "--policy", paramLabel = "FILE", description = "classify under this policy (default: the "
            + "policy the enrolled agent in --data holds; without either, the standard categories only)")
    Path policyFile;

    @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder, for its cursors and "
            + "imported lists (default: ${DEFAULT-VALUE})")
    Path data = AgentHome.defaultRoot();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public HistoryCommand() {
        this(Clock.systemUTC());
    }

    HistoryCommand(Clock clock) {
        this.clock = clock;
    }

    /** One visit and what the classifier made of it. */
    record ClassifiedVisit(Visit visit, List<Flag> flags) {
    }

    /** The whole printout for {@code --json}. */
    record HistoryPreview(Instant collectedAt, List<ClassifiedVisit> visits, List<HistoryNotice> notices) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant from;
        try {
            from = since == null ? null : parseSince(since, clock);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        if (root != null && !Files.isDirectory(root)) {
            err.println("--root " + root + " is not a folder; give the folder the inspected system is mounted at");
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        AgentHome home = new AgentHome(data);
        Policy policy;
        try {
            policy = policy(home);
        } catch (PolicyException e) {
            err.println("policy error: " + e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        } catch (IOException e) {
            err.println("the enrolled agent's policy in " + home.root() + " cannot be read: " + e.getMessage()
                    + "; give one with --policy FILE");
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        HostRoot hostRoot = root == null ? HostRoot.live() : new HostRoot(root);
        Path work = null;
        try {
            work = Files.createTempDirectory("nestguard-history-");
            HistoryPreview preview = collect(home, new AgentHome(work), hostRoot, policy, from);
            print(preview, out);
            return 0;
        } catch (IOException e) {
            err.println("history cannot be read: " + e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        } finally {
            out.flush();
            deleteQuietly(work);
        }
    }

    private HistoryPreview collect(AgentHome home, AgentHome scratchHome, HostRoot hostRoot, Policy policy,
                                   Instant from) throws IOException {
        scratchHome.create();
        Path cursorFile = home.state().resolve(HistoryCursors.FILE_NAME);
        if (Files.isReadable(cursorFile)) {
            // A copy: paging through the preview moves these cursors, never the running agent's.
            Files.copy(cursorFile, scratchHome.state().resolve(HistoryCursors.FILE_NAME));
        }
        Platform platform = Platforms.forThisMachine(hostRoot, new ProcessCommandRunner(), clock);
        HistoryRule rule = policy == null || policy.monitoring() == null ? null : policy.monitoring().history();
        VisitClassifier classifier = ListLibrary.load(home.lists()).classifierFor(rule);
        HistoryCollector collector = new HistoryCollector(
                () -> Platforms.browserProfiles(hostRoot).discover().stream()
                        .filter(p -> user == null || p.account().equalsIgnoreCase(user)).toList(),
                List.of(HistoryFormat.values()).stream().collect(Collectors.toMap(f -> f, HistoryCommand::readerFor)),
                HistoryCursors.open(scratchHome), PolicyAccountKinds.read(policy == null ? null : policy.learners(),
                        platform.accounts()), new SearchTerms(), scratchHome.historyScratch(), clock, Duration.ZERO);
        List<ClassifiedVisit> visits = new ArrayList<>();
        List<HistoryNotice> notices = new ArrayList<>();
        Harvest harvest;
        do {
            harvest = collector.collect();
            for (ProfileHarvest profile : harvest.profiles()) {
                for (Visit visit : profile.visits()) {
                    if (from == null || !visit.time().isBefore(from)) {
                        visits.add(new ClassifiedVisit(visit, classifier.classify(visit)));
                    }
                }
            }
            notices.addAll(harvest.notices());
            for (HistoryNotice failure : harvest.failures()) {
                if (!notices.contains(failure)) {
                    notices.add(failure); // failures reported before are still failing: the preview shows them too
                }
            }
            collector.commit(harvest);
        } while (harvest.more());
        visits.sort((a, b) -> a.visit().time().compareTo(b.visit().time()));
        return new HistoryPreview(clock.instant(), visits, notices);
    }

    private static HistoryReader readerFor(HistoryFormat format) {
        return switch (format) {
            case CHROMIUM -> new ChromiumHistoryReader();
            case FIREFOX -> new FirefoxHistoryReader();
            case SAFARI -> new SafariHistoryReader();
        };
    }

    private Policy policy(AgentHome home) throws IOException, PolicyException {
        if (policyFile != null) {
            return new PolicyLoader().load(policyFile);
        }
        if (home.isEnrolled()) {
            return new PolicyLoader().parse(home.policyYaml().toString(), home.readPolicyYaml());
        }
        return null;
    }

    private void print(HistoryPreview preview, PrintWriter out) throws IOException {
        if (json) {
            ObjectMapper mapper = WireJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(preview));
            return;
        }
        for (ClassifiedVisit entry : preview.visits()) {
            Visit v = entry.visit();
            out.printf("%s  %s (%s)  %s/%s  %s%n", v.time(), v.account(), v.accountKind().name().toLowerCase(),
                    v.browser(), v.profile(), v.url());
            if (!v.title().isEmpty()) {
                out.println("    title: " + v.title());
            }
            if (v.searchTerms() != null) {
                out.println("    search: " + v.searchTerms());
            }
            for (Flag flag : entry.flags()) {
                out.printf("    FLAG %s (%s): %s%n", flag.category(), flag.severity().name().toLowerCase(),
                        flag.reason());
            }
        }
        for (HistoryNotice notice : preview.notices()) {
            out.printf("NOTICE %s: %s profile '%s' of %s: %s%n", notice.kind().name().toLowerCase(), notice.browser(),
                    notice.profile(), notice.account(), notice.detail());
        }
        long flagged = preview.visits().stream().filter(v -> !v.flags().isEmpty()).count();
        out.printf("%d visits, %d flagged, %d notices; nothing was sent%n", preview.visits().size(), flagged,
                preview.notices().size());
    }

    /** {@code --since}: an instant, a local date, or a duration back from now. */
    static Instant parseSince(String text, Clock clock) {
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return clock.instant().minus(Duration.parse(text));
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is not a time; give an instant such as "
                    + "2026-11-30T09:00:00Z, a date such as 2026-11-30, or a duration back from now such as PT2H or P1D");
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind holds copies of history: say where, so it can be removed
            System.err.println("could not remove the temporary folder " + folder + ": " + e.getMessage());
        }
    }
}
