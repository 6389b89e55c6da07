package org.nestguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.nestguard.agent.files.AccountHomes;
import org.nestguard.agent.check.CheckEngine;
import org.nestguard.agent.check.FirstSeenLedger;
import org.nestguard.agent.check.OsLifecycle;
import org.nestguard.agent.enrolment.AgentConfig;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.enrolment.DeviceFactsReader;
import org.nestguard.agent.enrolment.DeviceIdentity;
import org.nestguard.agent.files.FileIndex;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.StreamingHasher;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.outbox.OverflowPolicy;
import org.nestguard.agent.files.OutingCount;
import org.nestguard.agent.quarantine.HoldState;
import org.nestguard.agent.quarantine.PolicySource;
import org.nestguard.agent.quarantine.Quarantine;
import org.nestguard.agent.quarantine.Vault;
import org.nestguard.agent.files.CameraFolderCount;
import org.nestguard.protocol.policy.FileCheckRule;
import org.nestguard.protocol.policy.Policy;
import java.io.UncheckedIOException;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InterfaceAddressProbe;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.platform.windows.Advapi32ServiceControlManager;
import org.nestguard.agent.platform.windows.WindowsServiceHost;
import org.nestguard.agent.service.AgentService;
import org.nestguard.agent.service.CheckCycle;
import org.nestguard.agent.service.CommandExecutor;
import org.nestguard.agent.service.FileScanCycle;
import org.nestguard.agent.service.HistoryCollection;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.agent.service.HandledCommands;
import org.nestguard.agent.service.Jitter;
import org.nestguard.agent.service.LocationReader;
import org.nestguard.agent.service.UploadResult;
import org.nestguard.agent.service.Uploader;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.crypto.PinnedTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the agent service, or with {@code --once} one cycle and check-in for the quickstart and tests. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the checks, and collects browser history where the policy says so, on the policy's "
                + "schedule, and sends the results to the console.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:stopped, or --once sent everything", "2:not enrolled or data folder unusable",
                "3:--once: console unreachable (results kept for later)", "4:device revoked",
                "5:console refused the check-in",
                "3-6:with --config, a first enrolment that failed, as for 'enroll'"})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "the agent's data folder (default: ${DEFAULT-VALUE})")
    Path data = AgentHome.defaultRoot();

    @Option(names = "--config", paramLabel = "FILE",
            description = "the installer's configuration (e.g. /etc/nestguard/agent.yaml): its data folder is used, "
                    + "and a device not yet enrolled enrols first with its console, token and CA fingerprint")
    Path config;

    @Option(names = "--windows-service",
            description = "run under the Windows service manager (the MSI's NestguardAgent service runs this)")
    boolean windowsService;

    @Option(names = "--once", description = "one check cycle, then check in until everything is sent, then exit")
    boolean once;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<DeviceFacts> facts;
    /** The data folder {@code --config} names, once read. */
    private Path configuredData;
    /** The running service loop, for the Windows service manager's stop request. */
    private volatile AgentService running;
    private volatile boolean stopRequested;

    public RunCommand() {
        this(() -> new DeviceFactsReader().read());
    }

    RunCommand(Supplier<DeviceFacts> facts) {
        this.facts = facts;
    }

    @Override
    public Integer call() {
        if (!windowsService) {
            return runAgent();
        }
        try {
            return new WindowsServiceHost(new Advapi32ServiceControlManager()).run(this::runAgent, () -> {
                stopRequested = true;
                AgentService service = running;
                if (service != null) {
                    service.stop();
                }
            });
        } catch (IllegalStateException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            spec.commandLine().getErr().println("cannot run as a Windows service: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
    }

    private int runAgent() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--data")) {
                err.println("give --config or --data, not both: the data folder is the 'data' field of " + config);
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            int enrolled = enrolFromConfig(out, err);
            if (enrolled != 0) {
                return enrolled;
            }
        }
        AgentHome home = new AgentHome(config == null ? data : configuredData);
        if (!home.isEnrolled()) {
            err.println("this device is not enrolled in " + home.root() + "; run 'nestguard-agent enroll --console "
                    + "URL --token T --ca-fingerprint FP --data " + home.root() + "' first");
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        Clock clock = Clock.systemUTC();
        FileScanCycle fileScans = null;
        HoldState holdState;
        try {
            holdState = HoldState.open(home);
        } catch (IOException e) {
            err.println(e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        // The hold is consulted by the outbox before it trims anything.
        try (Outbox outbox = Outbox.open(home.outbox(), OutboxConfig.defaults(), OverflowPolicy.standard(), clock,
                holdState)) {
            DeviceIdentity identity = home.readIdentity();
            ConsoleClient client = new ConsoleClient(URI.create(home.readEnrolment().consoleUrl()),
                    new PinnedTrust(clock).forDevice(identity.key(), List.of(identity.certificate()), identity.ca()),
                    Duration.ofSeconds(30));
            ProcessCommandRunner runner = new ProcessCommandRunner();
            Platform platform = Platforms.forThisMachine(HostRoot.live(), runner, clock);
            InterfaceAddressProbe addresses = new InterfaceAddressProbe();
            CheckEngine engine = CheckEngine.standard(platform, addresses, OsLifecycle.bundled(),
                    FirstSeenLedger.open(home.pendingUpdatesLedger(), clock), clock);
            CanaryHistory canary = new CanaryHistory(home.canaryHistory());
            // The vault first: the scanner isolates through it, and the quarantine commands find watched files
            // through the scanner and count photos through its index.
            Vault vault = Quarantine.openVault(home, holdState, outbox, clock);
            FileIndex index = FileIndex.open(home.fileIndex());
            FileScanner scanner = new FileScanner(index, new StreamingHasher(), vault, FileScanCycle.sinkFor(outbox),
                    clock);
            AccountHomes homes = Platforms.accountHomes(HostRoot.live());
            PolicySource policy = PolicySource.stored(home);
            OutingCount outing = new CameraFolderCount(homes, () -> cameraFolders(policy), index);
            Quarantine quarantine = Quarantine.start(home, vault, holdState, outbox, platform.accounts(),
                    Platforms.logonLock(HostRoot.live(), runner), scanner, outing, client::putEvidence,
                    home.readEnrolment().deviceId(), clock);
            CommandExecutor commands = new CommandExecutor(home, outbox, HandledCommands.open(home), canary, clock,
                    quarantine.commands());
            Uploader uploader = new Uploader(client, outbox, commands,
                    new LocationReader(platform.gateway(), addresses), () -> versionOf(home));
            HistoryCollection history = HistoryCollection.open(home, Platforms.browserProfiles(HostRoot.live()),
                    canary, platform.accounts(), outbox, clock);
            fileScans = new FileScanCycle(scanner, homes, platform.accounts(),
                    new HashListStore(home, clock), Platforms.removableMedia(new ProcessCommandRunner(), outbox, clock),
                    outbox, clock);
            AgentService service = new AgentService(home, new CheckCycle(engine::run, outbox, clock), history,
                    fileScans, uploader, new Jitter(new SecureRandom()), clock);
            UploadResult result;
            if (once) {
                result = service.runOnce();
            } else {
                Thread main = Thread.currentThread();
                Thread hook = new Thread(() -> {
                    service.stop();
                    try {
                        main.join(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "nestguard-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                running = service;
                if (stopRequested) {
                    service.stop(); // the service manager asked before the loop existed
                }
                result = service.run();
            }
            closeQuietly(fileScans); // before the outbox closes: pending removable-write reports go into it
            return report(result, once, outbox, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("the agent cannot run from " + home.root() + ": " + e.getMessage());
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        } finally {
            closeQuietly(fileScans);
        }
    }

    private static void closeQuietly(FileScanCycle fileScans) {
        if (fileScans != null) {
            try {
                fileScans.close();
            } catch (IOException | RuntimeException e) {
                // stopping anyway; a report still pending is lost only if the outbox is already closed
            }
        }
    }

    // Outing readiness counts the policy's camera folders, or the documented defaults when it sets no file checks.
    private static List<String> cameraFolders(PolicySource policy) {
        try {
            Policy current = policy.current();
            return current.fileChecks() == null ? FileCheckRule.DEFAULT_CAMERA_FOLDERS
                    : current.fileChecks().cameraFolders();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code --config} and, if its data folder holds no enrolment yet, enrols with what the file says. */
    private int enrolFromConfig(PrintWriter out, PrintWriter err) {
        AgentConfig settings;
        try {
            settings = AgentConfig.read(config);
        } catch (AgentConfig.InvalidConfigException e) {
            err.println("the agent cannot start: " + e.getMessage());
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        configuredData = settings.dataOrDefault();
        AgentHome home = new AgentHome(configuredData);
        if (home.isEnrolled()) {
            return 0;
        }
        if (!settings.hasToken()) {
            err.println("this device is not enrolled in " + home.root() + " and " + config + " has no token; put the "
                    + "token 'nestguard-console token create' printed in its 'token' field");
            err.flush();
            return AgentCommand.USAGE_OR_POLICY_ERROR;
        }
        out.println("Not enrolled yet: enrolling with " + settings.console() + " as " + config + " says.");
        return EnrollCommand.enroll(home, facts, settings.console(), settings.token(), settings.caFingerprint(),
                out, err);
    }

    private static int versionOf(AgentHome home) {
        try {
            return home.readPolicyVersion();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int report(UploadResult result, boolean once, Outbox outbox, PrintWriter out, PrintWriter err) {
        switch (result.state()) {
            case SENT -> {
                out.println(once ? "All recorded events were sent to the console." : "Agent stopped.");
                out.flush();
                return 0;
            }
            case OFFLINE -> {
                err.println("could not check in: " + result.message() + ". " + outbox.status().unacknowledged()
                        + " recorded events are kept and will be sent by the next run.");
                err.flush();
                return 3;
            }
            case REVOKED -> {
                err.println("the console refused this device: " + result.message());
                err.flush();
                return 4;
            }
            default -> {
                err.println(result.message());
                err.flush();
                return 5;
            }
        }
    }
}
