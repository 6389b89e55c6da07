package org.nestguard.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The macOS package sources, checked here since plutil, pkgbuild and launchd exist only on a Mac: the plists
 * parse and hold what launchd and TCC need, every path agrees with the payload build-pkg.sh lays out and with
 * the agent's default data folder, and build-pkg.sh refuses clearly on another system.
 */
class MacPackageLayoutTest {
    static final Path MACOS = Command.INSTALLERS.resolve("macos");
    static final String BINARY = "/Library/Nestguard/NestguardAgent.app/Contents/MacOS/NestguardAgent";
    static final String DATA = "/Library/Application Support/Nestguard";

    @Test
    void theLaunchDaemonRunsTheAgentAsRootAtBootWithTheConfigAndRestartsItAfterAFailure() throws Exception {
        Map<String, Object> daemon = Plist.read(MACOS.resolve("org.nestguard.agent.plist"));
        assertEquals("org.nestguard.agent", daemon.get("Label"), "launchd wants the file named after the label");
        assertEquals(List.of(BINARY, "run", "--config", DATA + "/agent.yaml"), daemon.get("ProgramArguments"));
        assertEquals("root", daemon.get("UserName"));
        assertEquals(Boolean.TRUE, daemon.get("RunAtLoad"));
        assertEquals(Map.of("SuccessfulExit", Boolean.FALSE), daemon.get("KeepAlive"), "restart only on failure");
        assertEquals(63L, daemon.get("Umask"), "077: files the agent creates are owner-only");
        assertTrue(((String) daemon.get("StandardErrorPath")).startsWith("/Library/Logs/Nestguard/"));
    }

    @Test
    void thePerUserLaunchAgentLoadsInGuiSessionsAndShipsDisabledUntilTheAgentHasASessionCommand() throws Exception {
        Map<String, Object> agent = Plist.read(MACOS.resolve("org.nestguard.agent.user.plist"));
        assertEquals("org.nestguard.agent.user", agent.get("Label"));
        assertEquals(BINARY, ((List<?>) agent.get("ProgramArguments")).get(0));
        assertEquals("Aqua", agent.get("LimitLoadToSessionType"));
        assertEquals(Boolean.TRUE, agent.get("Disabled"));
    }

    @Test
    void theProfileGrantsFullDiskAccessToTheAgentsBundleWithADocumentedTeamPlaceholder() throws Exception {
        Path file = MACOS.resolve("nestguard-full-disk-access.mobileconfig");
        Map<String, Object> profile = Plist.read(file);
        assertEquals("Configuration", profile.get("PayloadType"));
        assertEquals("System", profile.get("PayloadScope"));
        List<?> content = (List<?>) profile.get("PayloadContent");
        assertEquals(1, content.size());
        Map<?, ?> tcc = (Map<?, ?>) content.get(0);
        assertEquals("com.apple.TCC.configuration-profile-policy", tcc.get("PayloadType"));
        UUID outer = UUID.fromString((String) profile.get("PayloadUUID"));
        assertNotEquals(outer, UUID.fromString((String) tcc.get("PayloadUUID")), "each payload has its own UUID");
        List<?> grants = (List<?>) ((Map<?, ?>) tcc.get("Services")).get("SystemPolicyAllFiles");
        Map<?, ?> grant = (Map<?, ?>) grants.get(0);
        assertEquals("org.nestguard.agent", grant.get("Identifier"));
        assertEquals("bundleID", grant.get("IdentifierType"));
        assertEquals("Allow", grant.get("Authorization"));
        String requirement = (String) grant.get("CodeRequirement");
        assertTrue(requirement.startsWith("identifier \"org.nestguard.agent\" and anchor apple generic"), requirement);
        assertTrue(requirement.contains("TEAMID_PLACEHOLDER"), requirement);
        String text = Files.readString(file);
        assertTrue(text.contains("PLACEHOLDER TO REPLACE") && text.contains("codesign -dr -"),
                "the placeholder and how to fill it are documented in the profile");
        String build = Files.readString(MACOS.resolve("build-pkg.sh"));
        assertTrue(build.contains("--mac-package-identifier org.nestguard.agent"), "the bundle id TCC matches");
    }

    @Test
    void thePayloadAndScriptsUseTheSamePathsAsThePlistsAndTheAgent() throws Exception {
        String build = Files.readString(MACOS.resolve("build-pkg.sh"));
        assertTrue(build.contains("\"$ROOT/Library/Nestguard/NestguardAgent.app\""), "payload app path");
        assertTrue(build.contains("\"$ROOT/Library/LaunchDaemons/\""), "payload daemon folder");
        assertTrue(build.contains("\"$ROOT/Library/LaunchAgents/\""), "payload agent folder");
        String postinstall = Files.readString(MACOS.resolve("scripts/postinstall"));
        assertTrue(postinstall.contains("APP=\"" + BINARY + "\""), "postinstall runs the installed binary");
        assertTrue(postinstall.contains("DATA=\"" + DATA + "\""), "postinstall's data folder");
        assertTrue(postinstall.contains("DAEMON=/Library/LaunchDaemons/org.nestguard.agent.plist"));
        assertTrue(postinstall.contains("launchctl bootstrap system \"$DAEMON\""));
        // The agent's own default data folder on macOS (AgentHome.defaultRoot) is the same folder.
        String was = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Mac OS X");
            assertEquals(Path.of(DATA), org.nestguard.agent.enrolment.AgentHome.defaultRoot());
        } finally {
            System.setProperty("os.name", was);
        }
        for (String script : List.of("scripts/preinstall", "scripts/postinstall", "build-pkg.sh")) {
            assertTrue(Files.isExecutable(MACOS.resolve(script)), script + " must be executable for pkgbuild");
            Command syntax = Command.run("sh", "-n", MACOS.resolve(script).toString());
            assertEquals(0, syntax.exit(), script + ": " + syntax);
        }
    }

    @Test
    void buildPkgSaysWhatItNeedsOffMacOs() throws Exception {
        Assumptions.assumeFalse(Command.available("pkgbuild"), "pkgbuild is present: this is a Mac");
        Command build = Command.run("bash", MACOS.resolve("build-pkg.sh").toString(), "--app-image", "x",
                "--version", "1.0.0");
        assertEquals(3, build.exit(), build.toString());
        assertTrue(build.err().contains("pkgbuild is missing") && build.err().contains("only on macOS"),
                build.err());
    }
}
