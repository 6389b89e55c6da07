import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nestguard.agent.check.CheckEngine;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.FirstSeenLedger;
import org.nestguard.agent.check.OsLifecycle;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InterfaceAddressProbe;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.platform.linux.LinuxPlatform;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyLoader;

/**
 * Times full check cycles inside one warm JVM, as the running agent will do them, and prints the process's
 * resident memory afterwards. Usage: CheckCycle POLICY CYCLES
 */
public final class CheckCycle {
    interface Probe {
        Object read() throws Exception;
    }

    private static String time(Probe probe) {
        long start = System.nanoTime();
        try {
            probe.read();
        } catch (Exception e) {
            return "error(" + e.getClass().getSimpleName() + ")";
        }
        return String.format("%.1f", (System.nanoTime() - start) / 1e6);
    }

    public static void main(String[] args) throws Exception {
        Policy policy = new PolicyLoader().load(Path.of(args[0]));
        int cycles = Integer.parseInt(args[1]);
        Clock clock = Clock.systemUTC();
        Platform platform = LinuxPlatform.create(HostRoot.live(), new ProcessCommandRunner(), clock);
        CheckEngine engine = CheckEngine.standard(platform, new InterfaceAddressProbe(), OsLifecycle.bundled(),
                FirstSeenLedger.inMemory(clock), clock);
        long firstStart = System.nanoTime();
        List<CheckResult> first = engine.run(policy);
        double firstMs = (System.nanoTime() - firstStart) / 1e6;
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            long start = System.nanoTime();
            engine.run(policy);
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        System.out.printf("controls=%d first_cycle_ms=%.1f median_cycle_ms=%.1f min_ms=%.1f max_ms=%.1f cycles=%d%n",
                first.size(), firstMs, times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), cycles);
        // Where the time goes: each probe once more, on its own.
        StringBuilder probes = new StringBuilder("probe_ms");
        probes.append(" encryption=").append(time(() -> platform.encryption().volumes()));
        probes.append(" screenLock=").append(time(() -> platform.screenLock().users()));
        probes.append(" accounts=").append(time(() -> platform.accounts().accounts()));
        probes.append(" antivirus=").append(time(() -> platform.antivirus().products()));
        probes.append(" firewall=").append(time(() -> platform.firewall().firewalls()));
        probes.append(" release=").append(time(() -> platform.updates().release()));
        probes.append(" pendingUpdates=").append(time(() -> platform.updates().pending()));
        probes.append(" software=").append(time(() -> platform.software().installed()));
        probes.append(" logonNotice=").append(time(() -> platform.logonNotice().notices()));
        System.out.println(probes);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                System.out.println(line.replaceAll("\\s+", " "));
            }
        }
    }
}
