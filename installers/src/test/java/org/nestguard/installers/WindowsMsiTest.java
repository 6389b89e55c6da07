package org.nestguard.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentConfig;

/**
 * The WiX source, validated on Linux: build-msi.sh builds a test MSI with wixl from a stand-in Windows app-image,
 * and msiinfo reads its tables back. The configure command line the MSI runs is then run through the real
 * agent jar, so a renamed option cannot break silent installs unnoticed. Skipped, saying so, without wixl.
 */
class WindowsMsiTest {
    static final String FINGERPRINT = "0A:".repeat(31) + "FF";
    @TempDir
    static Path dir;
    static Path msi;

    @BeforeAll
    static void build() throws Exception {
        for (String tool : List.of("wixl", "wixl-heat", "msiinfo")) {
            Assumptions.assumeTrue(Command.available(tool), tool + " is missing (Debian packages wixl and msitools,"
                    + " installed by .ci/run); the MSI validation is skipped");
        }
        // A stand-in for jpackage's Windows app-image: same layout, placeholder bytes.
        Path app = dir.resolve("nestguard-agent");
        for (String file : List.of("nestguard-agent.exe", "app/nestguard-agent.jar", "app/nestguard-agent.cfg",
                "runtime/bin/java.dll", "runtime/bin/server/jvm.dll", "runtime/lib/modules", "runtime/release")) {
            Files.createDirectories(app.resolve(file).getParent());
            Files.writeString(app.resolve(file), "stand-in for " + file);
        }
        Command built = Command.run(Command.INSTALLERS.resolve("windows/build-msi.sh").toString(), "--app-image",
                app.toString(), "--version", "0.1.0-SNAPSHOT", "--out", dir.resolve("out").toString());
        assertEquals(0, built.exit(), built.toString());
        msi = dir.resolve("out/nestguard-agent-0.1.0.msi");
        assertTrue(Files.isRegularFile(msi), built.toString());
    }

    /** Rows of an MSI table as column name to value (msiinfo export: names, types, table name, then rows). */
    static List<Map<String, String>> table(String name) throws Exception {
        Command export = Command.run("msiinfo", "export", msi.toString(), name);
        assertEquals(0, export.exit(), export.toString());
        List<String> lines = export.out().lines().toList();
        String[] columns = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    static Map<String, String> row(String table, String key, String value) throws Exception {
        return table(table).stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + table));
    }

    @Test
    void theServiceRunsAsLocalSystemOnBootWithTheConfigFile() throws Exception {
        Map<String, String> service = row("ServiceInstall", "Name", "NestguardAgent");
        assertEquals("LocalSystem", service.get("StartName"));
        assertEquals("2", service.get("StartType"), "SERVICE_AUTO_START");
        assertEquals("16", service.get("ServiceType"), "SERVICE_WIN32_OWN_PROCESS");
        assertEquals("run --windows-service --config \"[CommonAppDataFolder]Nestguard\\agent.yaml\"",
                service.get("Arguments"));
        assertEquals("AgentService", service.get("Component_"));
        assertEquals("AgentExe", row("Component", "Component", "AgentService").get("KeyPath"),
                "the service runs the component's key file, the launcher");
        assertEquals("nestguard-agent.exe", row("File", "File", "AgentExe").get("FileName"));
        // start on install, stop on install and uninstall, delete on uninstall
        assertEquals(String.valueOf(0x01 | 0x02 | 0x20 | 0x80),
                row("ServiceControl", "Name", "NestguardAgent").get("Event"));
    }

    @Test
    void everyFileOfTheAppImageIsInstalled() throws Exception {
        List<String> names = table("File").stream().map(r -> r.get("FileName")).toList();
        for (String name : List.of("nestguard-agent.exe", "nestguard-agent.jar", "nestguard-agent.cfg", "java.dll",
                "jvm.dll", "modules", "release")) {
            assertTrue(names.stream().anyMatch(n -> n.equals(name) || n.endsWith("|" + name)), name + " in " + names);
        }
    }

    @Test
    void publicPropertiesAreWrittenAfterTheFolderIsLockedAndBeforeTheServiceStarts() throws Exception {
        Map<String, Integer> order = new HashMap<>();
        for (Map<String, String> r : table("InstallExecuteSequence")) {
            order.put(r.get("Action"), Integer.parseInt(r.get("Sequence")));
        }
        assertTrue(order.get("CreateFolders") < order.get("LockDataFolder"), order.toString());
        assertTrue(order.get("LockDataFolder") < order.get("WriteConfig"), order.toString());
        assertTrue(order.get("InstallFiles") < order.get("WriteConfig"), "configure needs the installed exe");
        assertTrue(order.get("WriteConfig") < order.get("InstallServices"), order.toString());
        assertTrue(order.get("WriteConfig") < order.get("StartServices"), order.toString());
        assertEquals("CONSOLE_URL AND NOT REMOVE", row("InstallExecuteSequence", "Action", "WriteConfig")
                .get("Condition"), "without properties (upgrade, repair) agent.yaml is kept");

        Map<String, String> lock = row("CustomAction", "Action", "LockDataFolder");
        assertDeferredAsSystem(lock);
        assertTrue(lock.get("Target").contains("/inheritance:r"), lock.toString());
        assertTrue(lock.get("Target").contains("*S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F"), lock.toString());
        assertEquals("[SystemFolder]icacls.exe", row("CustomAction", "Action", "FindIcacls").get("Target"));

        Map<String, String> write = row("CustomAction", "Action", "WriteConfig");
        assertDeferredAsSystem(write);
        assertEquals("AgentExe", write.get("Source"));
        assertTrue(row("Property", "Property", "MsiHiddenProperties").get("Value").contains("ENROLL_TOKEN"));
        assertTrue(table("Property").stream().noneMatch(r -> r.get("Property").equals("ENROLL_TOKEN")),
                "no default token is baked into the MSI");
    }

    @Test
    void theConfigureCommandLineTheMsiRunsIsAcceptedByTheRealAgent() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Command.AGENT_JAR), Command.AGENT_JAR + " is not built");
        String target = row("CustomAction", "Action", "WriteConfig").get("Target");
        Path programData = dir.resolve("ProgramData");
        Map<String, String> properties = Map.of("CONSOLE_URL", "https://console.school.example:8443",
                "ENROLL_TOKEN", "ngt_intune-42", "CA_FINGERPRINT", FINGERPRINT,
                "CommonAppDataFolder", programData + "/");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Command.AGENT_JAR.toString()));
        command.addAll(formatted(target, properties));
        Command configured = Command.run(command, Map.of());
        assertEquals(0, configured.exit(), configured.toString());
        Path file = programData.resolve("Nestguard\\agent.yaml".replace('\\', '/'));
        AgentConfig config = AgentConfig.read(file);
        assertEquals("https://console.school.example:8443", config.console());
        assertEquals("ngt_intune-42", config.token());
        assertEquals(FINGERPRINT, config.caFingerprint());
    }

    @Test
    void theServiceCommandLineIsAcceptedByTheRealAgentAndRecoveryRestartsIt() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Command.AGENT_JAR), Command.AGENT_JAR + " is not built");
        String arguments = row("ServiceInstall", "Name", "NestguardAgent").get("Arguments");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Command.AGENT_JAR.toString()));
        command.addAll(formatted(arguments, Map.of("CommonAppDataFolder", dir + "/")));
        command.add("--help"); // picocli rejects an unknown option before it prints help
        Command help = Command.run(command, Map.of());
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().contains("--windows-service"), help.out());

        Map<String, String> recovery = row("CustomAction", "Action", "SetRecovery");
        assertDeferredAsSystem(recovery);
        assertTrue(recovery.get("Target").startsWith("failure NestguardAgent reset= 86400 actions= restart/"),
                recovery.toString());
        Map<String, Integer> order = new HashMap<>();
        for (Map<String, String> r : table("InstallExecuteSequence")) {
            order.put(r.get("Action"), Integer.parseInt(r.get("Sequence")));
        }
        assertTrue(order.get("InstallServices") < order.get("SetRecovery"), "sc needs the installed service");
        assertTrue(order.get("FindSc") < order.get("SetRecovery"), order.toString());
    }

    /** The MSI's [PROPERTY] formatting and the Windows command-line quoting the exe sees, for this target. */
    static List<String> formatted(String target, Map<String, String> properties) {
        Matcher m = Pattern.compile("\\[([A-Za-z_]+)]").matcher(target);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            if (value == null) {
                throw new AssertionError("the command uses [" + m.group(1) + "], unknown to this test: " + target);
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        List<String> args = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(text.toString().replace('\\', '/'));
        while (word.find()) {
            args.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return args;
    }

    private static void assertDeferredAsSystem(Map<String, String> action) {
        int type = Integer.parseInt(action.get("Type"));
        assertEquals(0x400, type & 0x400, "deferred (in script): " + action);
        assertEquals(0x800, type & 0x800, "no impersonation, so it runs as LocalSystem: " + action);
    }
}
