import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.CheckIns;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.IssuedPassword;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;
import org.nestguard.protocol.wire.WireJson;

/**
 * Seeds a console store for bench/pages-bench.sh through the store's own API (the check-in path the agents use,
 * so every row is shaped exactly as production writes it): one setting holding DEVICES devices (the worst case
 * for a setting's dashboard), each with one check-in of the nine check results of a real
 * {@code nestguard-agent check --json} report (REPORT; one device in 8 fails encryption, one in 5 screen lock),
 * then VISITS visits spread over the devices and the last 30 days (one history event of 500 visits a check-in;
 * 60,000 distinct pages on 3,000 hosts; one account in 10 a staff one) and a flag for one visit in FLAG_EVERY,
 * categories and severities rotating. Then a manager and a DSL account with known passwords and TOTP secrets,
 * written to OUT/accounts.txt for the load client.
 *
 * Usage: PagesSeed DATA_DIR JDBC_URL|- DEVICES VISITS FLAG_EVERY POLICY_YAML REPORT_JSON OUT_DIR THREADS
 */
public final class PagesSeed {
    static final String SETTING = "bench-school";
    static final String PASSWORD = "bench password for the pages";
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final int VISITS_PER_EVENT = 500;
    private static final String[] CATEGORIES = {"pornography", "gambling", "self-harm", "violence", "bullying",
            "drugs", "extremism", "gaming"};
    private static final Severity[] SEVERITIES = {Severity.HIGH, Severity.MEDIUM, Severity.CRITICAL, Severity.LOW};
    private static final NetworkLocation LOCATION = new NetworkLocation("10.63.0.1", "00:11:22:33:44:55",
            "DittonStaff", List.of("10.63.4.17"));

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String url = "-".equals(args[1]) ? null : args[1];
        int devices = Integer.parseInt(args[2]);
        long visits = Long.parseLong(args[3]);
        int flagEvery = Integer.parseInt(args[4]);
        String policy = Files.readString(Path.of(args[5]));
        List<ObjectNode> results = results(Path.of(args[6]));
        Path out = Path.of(args[7]);
        int threads = Integer.parseInt(args[8]);
        Files.createDirectories(out);
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        try (Database database = Database.open(url, data)) {
            Settings settings = new Settings(database, clock);
            settings.add(SETTING, "Bench Academy");
            settings.storePolicy(SETTING, policy, "bench", "pages benchmark seed");
            Devices store = new Devices(database, clock);
            CheckIns checkIns = new CheckIns(database, clock);
            String[] ids = new String[devices];
            run(threads, devices, i -> {
                String n = String.format("%05d", i);
                DeviceFacts facts = new DeviceFacts("LAPTOP-" + n, "windows", "Windows 11 Education", "10.0.22631",
                        "Dell Inc.", "Latitude 3440", "SN" + n + "PAGES",
                        String.format("4c4c4544-0000-2000-8000-%012d", i), List.of(String.format(
                                "02:00:01:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)));
                ids[i] = store.enrol(SETTING, facts, String.format("%040x", 0x9a9e00000000L + i)).deviceId();
                checkIns.record(ids[i], checkResults(results, i), "10.63.4.17", LOCATION, 40_000);
            });
            System.out.printf("seeded %d devices with their check results in %.1f s%n", devices,
                    (System.nanoTime() - started) / 1e9);
            long events = (visits + VISITS_PER_EVENT - 1) / VISITS_PER_EVENT;
            AtomicLong flags = new AtomicLong();
            Instant now = clock.instant();
            long visitsStarted = System.nanoTime();
            AtomicLong done = new AtomicLong();
            // history event e belongs to device e % devices; one thread does all of a device's, in sequence order
            run(threads, devices, device -> {
                long sequence = results.size() + 2;
                for (long e = device; e < events; e += devices) {
                    List<Visit> batch = new ArrayList<>(VISITS_PER_EVENT);
                    for (long k = e * VISITS_PER_EVENT; k < Math.min(visits, (e + 1) * VISITS_PER_EVENT); k++) {
                        batch.add(visit(k, visits, device, now));
                    }
                    Instant recorded = batch.get(batch.size() - 1).time().plusSeconds(60);
                    List<Event> checkIn = new ArrayList<>();
                    checkIn.add(new Event(sequence++, recorded, HistoryVisits.TYPE,
                            JSON.valueToTree(new HistoryVisits(batch))));
                    for (int v = 0; v < batch.size(); v++) {
                        if ((e * VISITS_PER_EVENT + v) % flagEvery == 0) {
                            // each flag is an event of its own, as the agent sends them
                            checkIn.add(new Event(sequence++, recorded, FlagRaised.TYPE,
                                    JSON.valueToTree(flag(e * VISITS_PER_EVENT + v, batch, v))));
                            flags.incrementAndGet();
                        }
                    }
                    checkIns.record(ids[device], checkIn, "10.63.4.17", LOCATION, 300_000);
                    long n = done.incrementAndGet();
                    if (n % 1000 == 0) {
                        System.out.printf("  %d of %d history check-ins (%.0f visits/s)%n", n, events,
                                n * VISITS_PER_EVENT / ((System.nanoTime() - visitsStarted) / 1e9));
                    }
                }
            });
            System.out.printf("seeded %d visits and %d flags in %.1f s%n", visits, flags.get(),
                    (System.nanoTime() - visitsStarted) / 1e9);
            accounts(database, clock, out);
        }
        System.out.printf("seeding took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The report's nine results as check-result payloads, in the shape of the agent's CheckResultPayload. */
    private static List<ObjectNode> results(Path report) throws Exception {
        JsonNode checked = JSON.readTree(Files.readString(report));
        List<ObjectNode> results = new ArrayList<>();
        for (JsonNode result : checked.get("results")) {
            var control = org.nestguard.agent.check.Control.valueOf(result.get("control").asText());
            ObjectNode payload = JSON.createObjectNode();
            payload.put("control", control.id());
            payload.put("title", control.title());
            payload.set("status", result.get("status"));
            payload.set("summary", result.get("summary"));
            payload.set("evidence", result.get("evidence"));
            payload.set("clauses", result.get("clauses"));
            payload.put("policyVersion", 1);
            results.add(payload);
        }
        return results;
    }

    private static List<Event> checkResults(List<ObjectNode> results, int device) {
        Instant now = Instant.now();
        List<Event> events = new ArrayList<>();
        long sequence = 1;
        for (ObjectNode result : results) {
            ObjectNode payload = result.deepCopy();
            String control = payload.get("control").asText();
            boolean fails = (control.equals("disk-encryption") && device % 8 == 0)
                    || (control.equals("screen-lock") && device % 5 == 0);
            payload.put("status", fails ? "FAIL" : "PASS");
            if (fails) {
                payload.put("summary", "bench: " + control + " does not meet the policy on this device");
            }
            events.add(new Event(sequence++, now, "check-result", payload));
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("startedAt", now.minusMillis(80).toString());
        summary.put("finishedAt", now.toString());
        summary.put("policyVersion", 1);
        summary.put("checked", results.size());
        events.add(new Event(sequence, now, "check-cycle", summary));
        return events;
    }

    /** Visit number k: on device k % devices' accounts, spread evenly over the last 30 days, newest last. */
    private static Visit visit(long k, long total, int device, Instant now) {
        long host = (k * 7919) % 3000;
        long page = (k * 104729) % 60000;
        Instant time = now.minus(Duration.ofDays(30)).plusMillis((k * 2_592_000_000L / Math.max(1, total)) % 2_592_000_000L);
        boolean staff = (k / 7) % 10 == 0;
        String account = staff ? "staff" + (device % 40) : "pupil" + (device % 300);
        return new Visit(time, "https://site" + host + ".example.org/page/" + page + "?q=" + (k % 97),
                "Page " + page + " of site " + host, "chrome", "Default", account,
                staff ? AccountKind.STAFF : AccountKind.LEARNER, "link", null);
    }

    private static FlagRaised flag(long k, List<Visit> batch, int index) {
        Visit visit = batch.get(index);
        String category = CATEGORIES[(int) (k / 7 % CATEGORIES.length)];
        Severity severity = SEVERITIES[(int) (k / 3 % SEVERITIES.length)];
        String host = java.net.URI.create(visit.url()).getHost();
        List<Visit> before = batch.subList(Math.max(0, index - FlagRaised.CONTEXT), index);
        List<Visit> after = batch.subList(index + 1, Math.min(batch.size(), index + 1 + FlagRaised.CONTEXT));
        return new FlagRaised(String.format("bench-flag-%d", k), visit, List.of(new Flag(category, severity,
                Flag.Source.DOMAIN, "default/" + category, host, "domain list default/" + category + " has " + host)),
                before, after, null);
    }

    private static void accounts(Database database, Clock clock, Path out) throws Exception {
        SecureRandom random = new SecureRandom();
        Accounts accounts = new Accounts(database, clock, random, new AuditLog(database, clock),
                PasswordHashing.OWASP, org.nestguard.console.pki.SecretsKey.openOrCreate(out));
        StringBuilder lines = new StringBuilder();
        for (Role role : List.of(Role.MANAGER, Role.DSL)) {
            IssuedPassword issued = accounts.add("bench-" + role.id(), List.of(new Grant(role, SETTING)), PASSWORD,
                    Accounts.COMMAND_LINE);
            String secret = "-";
            if (issued.account().totpRequired()) {
                secret = Totp.newSecret(random);
                String code = Totp.code(Base32.decode(secret), new Totp(clock).currentStep());
                if (!accounts.enrolTotp(issued.account(), secret, code)) {
                    throw new IllegalStateException("the TOTP enrolment refused its own code");
                }
            }
            lines.append(role.id()).append(' ').append("bench-").append(role.id()).append(' ').append(secret)
                    .append('\n');
        }
        Files.writeString(out.resolve("accounts.txt"), lines);
    }

    private interface Work {
        void run(int i) throws Exception;
    }

    private static void run(int threads, int count, Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    work.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
