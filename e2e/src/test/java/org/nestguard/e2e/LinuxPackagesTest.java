package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux packages as an administrator meets them, as root on this machine: build the .deb and .rpm from the
 * jars, install the agent .deb with the console's URL, token and CA fingerprint in the environment, verify the
 * installed unit, start the agent exactly as the unit says and see it enrol and report to a console started
 * here, then upgrade (same device, data untouched), remove (data kept) and purge (data and config gone). Also
 * installs and purges the console .deb. Skipped, saying why, when not root or without dpkg or rpmbuild.
 */
class LinuxPackagesTest {
    static final Path BUILD = Path.of(System.getProperty("nestguard.installers", "../installers"))
            .resolve("linux/build-packages.sh");
    static final Path UNIT = Path.of("/lib/systemd/system/nestguard-agent.service");
    static final Path CONFIG = Path.of("/etc/nestguard/agent.yaml");
    static final Path DATA = Path.of("/var/lib/nestguard");
    static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/nestguard-agent.service");
    static final Pattern DEVICE = Pattern.compile("Enrolled as device (\\S+) ");

    @TempDir
    static Path dir;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void buildPackages() throws Exception {
        Assumptions.assumeTrue(run(List.of("id", "-u"), Map.of()).out().strip().equals("0"),
                "not root: installing packages needs root (CI runs as root); the Linux package test is skipped");
        for (String tool : List.of("dpkg", "dpkg-deb", "rpmbuild", "rpm", "systemd-analyze", "jpackage", "jlink")) {
            Assumptions.assumeTrue(run(List.of("sh", "-c", "command -v " + tool), Map.of()).exit() == 0,
                    tool + " is missing (.ci/run installs rpm and systemd); the Linux package test is skipped");
        }
        for (String pkg : List.of("nestguard-agent", "nestguard-console")) {
            Assumptions.assumeFalse(run(List.of("dpkg", "-s", pkg), Map.of()).exit() == 0, pkg + " is installed "
                    + "on this machine and this test would purge it; run 'dpkg -P " + pkg + "' to let it run");
        }
        Assumptions.assumeFalse(Files.exists(DATA) || Files.exists(CONFIG), DATA + " or " + CONFIG + " exists "
                + "(an agent was installed here); this test would delete it, so it is skipped");
        v1 = dir.resolve("v1");
        v2 = dir.resolve("v2");
        Finished first = run(List.of("bash", BUILD.toString(), "--version", "0.1.0", "--out", v1.toString()), Map.of());
        assertEquals(0, first.exit(), first.toString());
        // The upgrade's second version: the same tree and maintainer scripts with a higher version, repacked
        // rather than rebuilt (a second jlink would double the test's time and prove nothing more).
        Path tree = dir.resolve("v2-tree");
        Files.createDirectories(v2);
        assertEquals(0, run(List.of("dpkg-deb", "-R", v1.resolve("nestguard-agent_0.1.0_amd64.deb").toString(),
                tree.toString()), Map.of()).exit());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replace("Version: 0.1.0\n", "Version: 0.1.1\n"));
        Finished second = run(List.of("dpkg-deb", "-Zgzip", "--root-owner-group", "--build", tree.toString(),
                v2.resolve("nestguard-agent_0.1.1_amd64.deb").toString()), Map.of());
        assertEquals(0, second.exit(), second.toString());
        // Figures for BENCHMARKS.md ("Installers"): package sizes as built.
        try (Stream<Path> built = Files.list(v1)) {
            built.sorted().forEach(p -> System.out.printf("package size: %s %d KiB%n", p.getFileName(),
                    p.toFile().length() / 1024));
        }
    }

    @Test
    void theRpmHoldsTheLauncherTrimmedRuntimeUnitAndScripts() throws Exception {
        Path rpm = v1.resolve("nestguard-agent-0.1.0-1.x86_64.rpm");
        Finished list = run(List.of("rpm", "-qpl", rpm.toString()), Map.of());
        assertEquals(0, list.exit(), list.toString());
        for (String file : List.of("/opt/nestguard-agent/bin/nestguard-agent",
                "/opt/nestguard-agent/lib/app/nestguard-agent.jar", "/opt/nestguard-agent/lib/runtime/release",
                "/opt/nestguard-agent/lib/write-config", "/usr/bin/nestguard-agent",
                "/usr/lib/systemd/system/nestguard-agent.service", "/usr/share/doc/nestguard-agent/README.md")) {
            assertTrue(list.out().lines().anyMatch(file::equals), file + " missing from the rpm:\n" + list.out());
        }
        assertFalse(list.out().contains("/var/lib/nestguard"), "the rpm must not own the data folder: an erase "
                + "would delete an enrolment");
        Finished info = run(List.of("rpm", "-qpi", rpm.toString()), Map.of());
        assertTrue(info.out().contains("Version     : 0.1.0"), info.out());
        Finished scripts = run(List.of("rpm", "-qp", "--scripts", rpm.toString()), Map.of());
        assertTrue(scripts.out().contains("/opt/nestguard-agent/lib/write-config"), scripts.out());
        assertTrue(scripts.out().contains("disable --now nestguard-agent.service"), scripts.out());
    }

    @Test
    void agentDebInstallsEnrolsReportsUpgradesRemovesAndPurges() throws Exception {
        Fleet fleet = new Fleet(dir.resolve("fleet"), null);
        Files.createDirectories(fleet.consoleData);
        fleet.importPolicy(fleet.quickPolicy(dir));
        try (RunningConsole console = fleet.serve()) {
            Processes.Finished issued = fleet.console("token", "create", "--setting", "e2e-school", "--uses", "1",
                    "--expires", "PT1H");
            assertEquals(0, issued.exit(), issued.toString());
            String token = issued.out().strip();

            // Install, configured as Intune/apt users would: variables in the installer's environment.
            Finished install = run(List.of("dpkg", "-i", v1.resolve("nestguard-agent_0.1.0_amd64.deb").toString()),
                    Map.of("NESTGUARD_CONSOLE_URL", console.url, "NESTGUARD_ENROLL_TOKEN", token,
                            "NESTGUARD_CA_FINGERPRINT", console.fingerprint));
            try {
                assertEquals(0, install.exit(), install.toString());
                assertFalse(install.out().contains(token) || install.err().contains(token), "token printed");
                assertOwnerOnly(CONFIG, "rw-------");
                assertOwnerOnly(DATA, "rwx------");
                String yaml = Files.readString(CONFIG);
                assertTrue(yaml.contains("console: \"" + console.url + "\""), yaml);
                assertTrue(Files.isSymbolicLink(ENABLED), "enabled on boot: " + ENABLED);
                printInstalledSize("nestguard-agent", "/opt/nestguard-agent");

                Finished verify = run(List.of("systemd-analyze", "verify", UNIT.toString()), Map.of());
                assertEquals(0, verify.exit(), verify.toString());
                assertFalse((verify.out() + verify.err()).contains("nestguard-agent.service"), verify.toString());

                SystemdUnit unit = SystemdUnit.read(UNIT);
                assertEquals(List.of("/opt/nestguard-agent/bin/nestguard-agent", "run", "--config",
                        CONFIG.toString()), unit.execStart());
                assertEquals("strict", unit.setting("ProtectSystem"));
                assertEquals("/var/lib/nestguard /home /etc", unit.setting("ReadWritePaths"));
                assertEquals("yes", unit.setting("NoNewPrivileges"));
                assertEquals("on-failure", unit.setting("Restart"));
                assertEquals("multi-user.target", unit.setting("WantedBy"));

                // First start: enrols with the token, reports; the console holds the device's first events.
                String device;
                try (RunningAgent agent = RunningAgent.start(unit)) {
                    device = agent.awaitDevice(Duration.ofSeconds(90));
                    awaitEvents(fleet, device, 1, Duration.ofSeconds(90));
                    System.out.printf("installed agent resident memory after enrolling and first report: %d KiB%n",
                            agent.residentKiB());
                }
                assertTrue(Files.isRegularFile(DATA.resolve("enrolment.json")));
                assertOwnerOnly(DATA.resolve("device.key"), "rw-------");
                int reported = Stores.sequences(fleet.consoleData, null, device).size();

                // Upgrade: not one byte of the data folder changes, and the new version runs as the same device.
                Map<String, String> before = digests(DATA);
                assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("outbox/")), before.toString());
                String configBefore = Files.readString(CONFIG);
                Finished upgrade = run(List.of("dpkg", "-i",
                        v2.resolve("nestguard-agent_0.1.1_amd64.deb").toString()), Map.of());
                assertEquals(0, upgrade.exit(), upgrade.toString());
                assertEquals("0.1.1", run(List.of("dpkg-query", "-W", "-f", "${Version}", "nestguard-agent"),
                        Map.of()).out());
                assertEquals(before, digests(DATA), "upgrade changed the enrolment or outbox");
                assertEquals(configBefore, Files.readString(CONFIG), "upgrade changed agent.yaml");
                try (RunningAgent agent = RunningAgent.start(SystemdUnit.read(UNIT))) {
                    awaitEvents(fleet, device, reported + 1, Duration.ofSeconds(90));
                    assertFalse(agent.output().contains("Enrolled as device"), "re-enrolled:\n" + agent.output());
                }
                assertEquals(1, deviceCount(fleet), "the upgraded agent must not appear as a second device");

                // Remove: programs gone, enrolment, outbox and configuration kept as they were.
                Map<String, String> beforeRemove = digests(DATA);
                Finished remove = run(List.of("dpkg", "-r", "nestguard-agent"), Map.of());
                assertEquals(0, remove.exit(), remove.toString());
                assertFalse(Files.exists(Path.of("/opt/nestguard-agent")), "programs left after remove");
                assertFalse(Files.exists(UNIT), "unit left after remove");
                assertEquals(beforeRemove, digests(DATA), "remove changed the data folder");
                assertTrue(Files.isRegularFile(DATA.resolve("device.key")), "remove deleted the device key");
                assertTrue(Files.isRegularFile(CONFIG), "remove deleted agent.yaml");
                assertTrue(run(List.of("dpkg", "-s", "nestguard-agent"), Map.of()).out()
                        .contains("Status: deinstall ok config-files"));

                // Purge: data folder, configuration and boot link gone.
                Finished purge = run(List.of("dpkg", "-P", "nestguard-agent"), Map.of());
                assertEquals(0, purge.exit(), purge.toString());
                assertFalse(Files.exists(DATA), "purge left " + DATA);
                assertFalse(Files.exists(CONFIG), "purge left " + CONFIG);
                assertFalse(Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS), "purge left " + ENABLED);
                assertFalse(Files.exists(Path.of("/etc/systemd/system/nestguard-agent.service"),
                        LinkOption.NOFOLLOW_LINKS), "purge left the remove-time mask");
                assertTrue(run(List.of("dpkg", "-s", "nestguard-agent"), Map.of()).exit() != 0, "still known to dpkg");
            } finally {
                run(List.of("dpkg", "-P", "nestguard-agent"), Map.of());
            }
        }
    }

    @Test
    void consoleDebHasItsOwnAccountDataFolderConffileAndVerifiedUnit() throws Exception {
        Path deb = v1.resolve("nestguard-console_0.1.0_all.deb");
        assertEquals("/etc/nestguard/console.env", run(List.of("dpkg-deb", "-I", deb.toString(), "conffiles"),
                Map.of()).out().strip());
        assertTrue(Files.isRegularFile(v1.resolve("nestguard-console-0.1.0.jar")), "the plain jar is published");
        Finished install = run(List.of("dpkg", "-i", deb.toString()), Map.of());
        try {
            assertEquals(0, install.exit(), install.toString());
            printInstalledSize("nestguard-console", "/usr/share/nestguard-console");
            Finished user = run(List.of("getent", "passwd", "nestguard-console"), Map.of());
            assertEquals(0, user.exit(), "no nestguard-console account");
            assertTrue(user.out().strip().endsWith(":/usr/sbin/nologin"), user.out());
            PosixFileAttributes data = Files.readAttributes(Path.of("/var/lib/nestguard-console"),
                    PosixFileAttributes.class);
            assertEquals("nestguard-console", data.owner().getName());
            Path unit = Path.of("/lib/systemd/system/nestguard-console.service");
            Finished verify = run(List.of("systemd-analyze", "verify", unit.toString()), Map.of());
            assertEquals(0, verify.exit(), verify.toString());
            assertFalse((verify.out() + verify.err()).contains("nestguard-console.service"), verify.toString());
            assertTrue(Files.readString(unit).contains("\nUser=nestguard-console\n"));

            // The admin wrapper runs as the service account on the packaged data folder.
            Finished token = run(List.of("nestguard-console", "token", "create", "--setting", "nowhere"), Map.of());
            assertTrue(token.err().contains("nowhere"), "the console's message about the unknown setting: " + token);
            Files.writeString(Path.of("/var/lib/nestguard-console/keep"), "x");

            Finished purge = run(List.of("dpkg", "-P", "nestguard-console"), Map.of());
            assertEquals(0, purge.exit(), purge.toString());
            assertFalse(Files.exists(Path.of("/var/lib/nestguard-console")), "purge left the console's data");
            assertFalse(Files.exists(Path.of("/etc/nestguard/console.env")), "purge left the conffile");
        } finally {
            run(List.of("dpkg", "-P", "nestguard-console"), Map.of());
        }
    }

    /** The agent started from a unit's ExecStart as its User, its output read as it comes. */
    static final class RunningAgent implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final CompletableFuture<String> device = new CompletableFuture<>();

        private RunningAgent(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.append(line).append('\n');
                        Matcher m = DEVICE.matcher(line);
                        if (m.find()) {
                            device.complete(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    output.append("(output unreadable: ").append(e.getMessage()).append(")\n");
                }
            }, "installed-agent-output");
            reader.setDaemon(true);
            reader.start();
        }

        static RunningAgent start(SystemdUnit unit) throws IOException {
            List<String> command = new ArrayList<>();
            if (!unit.user().equals("root")) {
                command.addAll(List.of("runuser", "-u", unit.user(), "--"));
            }
            command.addAll(unit.execStart());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear(); // systemd starts services with a clean environment
            builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            builder.environment().putAll(unit.environment());
            return new RunningAgent(builder.start());
        }

        String awaitDevice(Duration limit) throws Exception {
            try {
                return device.get(limit.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the installed agent did not enrol in " + limit + "; it printed:\n" + output);
            }
        }

        String output() {
            return output.toString();
        }

        long residentKiB() throws IOException {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElseThrow();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM, as systemctl stop sends
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the agent did not stop within 30 s of SIGTERM:\n" + output);
            }
        }
    }

    private void awaitEvents(Fleet fleet, String device, int atLeast, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (Stores.sequences(fleet.consoleData, null, device).size() < atLeast) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("fewer than " + atLeast + " events from " + device + " arrived in " + limit);
            }
            Thread.sleep(250);
        }
    }

    private static int deviceCount(Fleet fleet) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fleet.consoleData.resolve("console.db"));
             ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM devices")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Every regular file under a folder, relative path to SHA-256. */
    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(hash));
            }
        }
        return digests;
    }

    private static void assertOwnerOnly(Path path, String mode) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        assertEquals("root", attributes.owner().getName(), path + " owner");
        assertEquals(mode, PosixFilePermissions.toString(attributes.permissions()), path + " mode");
    }

    private static void printInstalledSize(String pkg, String tree) throws Exception {
        String size = run(List.of("dpkg-query", "-W", "-f", "${Installed-Size}", pkg), Map.of()).out();
        String du = run(List.of("du", "-sk", tree), Map.of()).out().split("\\s")[0];
        System.out.printf("installed size: %s Installed-Size %s KiB, du -sk %s %s KiB%n", pkg, size, tree, du);
        assertNotNull(size);
    }

    /** What a finished command printed and how it exited. */
    record Finished(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Finished run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(stderr unreadable: " + e.getMessage() + ")";
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 5 minutes: " + command);
        }
        return new Finished(process.exitValue(), out, err.join());
    }
}
