import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.DeviceCertificates;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.wire.DeviceFacts;

/**
 * Seeds a console store for bench/checkin-load.sh through the store's own API, before the console starts: SETTINGS
 * settings, each with the policy, and DEVICES devices enrolled with {@code Devices.enrol} (one transaction each, as
 * an enrolment is). The first CLIENTS devices get a real key pair and a certificate signed by the console's CA from
 * the same data folder (written to OUT/NNNNN.key|.crt, with OUT/ca.crt) for the simulated agents; the rest get a
 * random certificate serial only, which no client holds.
 *
 * Usage: CheckInSeed DATA_DIR JDBC_URL|- DEVICES CLIENTS SETTINGS POLICY_YAML OUT_DIR THREADS
 */
public final class CheckInSeed {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String url = "-".equals(args[1]) ? null : args[1];
        int devices = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int settingCount = Integer.parseInt(args[4]);
        String policy = Files.readString(Path.of(args[5]));
        Path out = Path.of(args[6]);
        int threads = Integer.parseInt(args[7]);
        Files.createDirectories(out);
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        CertificateAuthority ca = CertificateAuthority.openOrCreate(data, clock);
        Files.writeString(out.resolve("ca.crt"), Pem.write(ca.certificate()));
        try (Database database = Database.open(url, data)) {
            Settings settings = new Settings(database, clock);
            Devices store = new Devices(database, clock);
            for (int s = 0; s < settingCount; s++) {
                String id = settingId(s);
                settings.add(id, "Bench school " + s);
                settings.storePolicy(id, policy, "bench", "load benchmark seed");
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < devices; i = next.getAndIncrement()) {
                        enrol(store, ca, i, i < clients, settingId(i % settingCount), out);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        System.out.printf("seeded %d devices (%d with client certificates) in %d settings in %.1f s%n",
                devices, clients, settingCount, (System.nanoTime() - started) / 1e9);
    }

    private static String settingId(int i) {
        return String.format("bench-school-%03d", i);
    }

    private static void enrol(Devices store, CertificateAuthority ca, int i, boolean client, String setting,
                              Path out) throws Exception {
        String n = String.format("%05d", i);
        // facts as an enrolling Windows laptop reports them; serial + hardware UUID make each device distinct
        DeviceFacts facts = new DeviceFacts("LAPTOP-" + n, "windows", "Windows 11 Education", "10.0.22631",
                "Dell Inc.", "Latitude 3440", "SN" + n + "BENCH", String.format("4c4c4544-0000-1000-8000-%012d", i),
                List.of(String.format("02:00:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)));
        if (!client) {
            store.enrol(setting, facts, String.format("%040x", 0x5eed00000000L + i));
            return;
        }
        DeviceKeys keys = DeviceKeys.generate();
        var csr = keys.certificationRequest(facts.hostname());
        String[] pem = new String[1];
        store.enrol(setting, facts, deviceId -> {
            var certificate = ca.signDevice(csr, deviceId);
            pem[0] = Pem.write(certificate);
            return DeviceCertificates.serialOf(certificate);
        });
        Files.writeString(out.resolve(n + ".crt"), pem[0]);
        Files.writeString(out.resolve(n + ".key"), Pem.write(keys.keyPair().getPrivate()));
    }
}
