package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.OutboxConfig;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.platform.linux.LinuxLogonLock;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.policy.PolicyLoader;

/** Holding and lifting: the lock spares the policy's exceptions, refuses to shut everyone out, and is undone. */
class DeviceHoldTest {
    @TempDir
    Path dir;
    private AgentHome home;
    private Outbox outbox;
    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        home = new AgentHome(dir.resolve("data"));
        home.create();
        outbox = Outbox.open(home.outbox(), OutboxConfig.defaults());
    }

    @AfterEach
    void close() throws IOException {
        outbox.close();
    }

    private static LocalAccount account(String name, String id, boolean interactive) {
        return new LocalAccount(name, id, interactive, false, LocalAccount.PasswordState.SET, null, null, Set.of(),
                false, "test");
    }

    private static AccountProbe accounts(LocalAccount... accounts) {
        return new AccountProbe() {
            @Override
            public List<LocalAccount> accounts() {
                return List.of(accounts);
            }

            @Override
            public LogonSettings logonSettings() {
                throw new UnsupportedOperationException("not used by the hold");
            }
        };
    }

    private final LogonLock recordingLock = new LogonLock() {
        @Override
        public LockedAccount lock(LocalAccount account) {
            calls.add("lock " + account.name());
            return new LockedAccount(account.name(), account.id(), false, null, null);
        }

        @Override
        public void unlock(LockedAccount locked) {
            calls.add("unlock " + locked.account());
        }
    };

    private static PolicySource policyExcept(String... names) {
        String except = names.length == 0 ? "" : "  holdLockExcept: [" + String.join(", ", names) + "]\n";
        return () -> {
            try {
                // Tests run in the agent module; the policies module is its sibling.
                String yaml = Files.readString(Path.of("..", "policies", "settings", "ditton-junior.yaml"));
                return new PolicyLoader().parse("test policy", yaml.replace("fileChecks:\n", "fileChecks:\n"
                        + except));
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
    }

    @Test
    void theLockSparesTheExceptionsRootAndServiceAccountsAndLiftingUndoesIt() throws Exception {
        DeviceHold hold = new DeviceHold(HoldState.open(home), accounts(account("root", "0", true),
                account("technician", "1000", true), account("pupil1", "1001", true), account("pupil2", "1002", true),
                account("www-data", "33", false)), recordingLock, policyExcept("technician"), outbox,
                Clock.systemUTC());

        HoldStatus held = hold.hold("hold-7", true);

        assertTrue(held.active());
        assertEquals(List.of("pupil1", "pupil2"), held.lockedAccounts());
        assertEquals(List.of("lock pupil1", "lock pupil2"), calls);
        assertTrue(HoldState.open(home).current().orElseThrow().locked().size() == 2, "what was locked is stored");

        HoldStatus lifted = hold.lift("hold-7");

        assertFalse(lifted.active());
        assertEquals(List.of("lock pupil1", "lock pupil2", "unlock pupil1", "unlock pupil2"), calls);
        assertFalse(HoldState.open(home).active());
        assertEquals(2, outbox.pending(10, Long.MAX_VALUE).stream().filter(e -> e.type().equals(HoldStatus.TYPE))
                .count());
    }

    @Test
    void withoutAnExceptionNamingALocalAccountTheLockIsRefusedButTheHoldStands() throws Exception {
        for (PolicySource policy : List.of(policyExcept(), policyExcept("nobody-here"))) {
            HoldState state = HoldState.open(home);
            DeviceHold hold = new DeviceHold(state, accounts(account("pupil1", "1001", true)), recordingLock, policy,
                    outbox, Clock.systemUTC());

            HoldStatus status = hold.hold("hold-8", true);

            assertTrue(status.active());
            assertEquals(List.of(), status.lockedAccounts());
            assertTrue(status.detail().contains("the lock was not applied"), status.detail());
            assertTrue(status.lockFailures().get(0).contains("holdLockExcept"), status.lockFailures().toString());
            assertEquals(List.of(), calls);
            assertTrue(state.active());
            hold.lift("hold-8");
        }
    }

    @Test
    void theLinuxLockOnRealAccountsIsUndoneExactlyByTheLift() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "locking accounts needs root; CI runs as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd (passwd package) is missing");
        ProcessCommandRunner runner = new ProcessCommandRunner();
        String pupil = "nghpup" + ProcessHandle.current().pid() % 10000;
        String staff = "nghstf" + ProcessHandle.current().pid() % 10000;
        try {
            for (String name : List.of(pupil, staff)) {
                runner.run("userdel", name);
                assertTrue(runner.run("useradd", "-M", "-s", "/bin/bash", "-p", "$6$s$hash" + name, name).succeeded());
            }
            String pupilBefore = shadowLine(pupil);
            String staffBefore = shadowLine(staff);
            DeviceHold hold = new DeviceHold(HoldState.open(home), accounts(account(pupil, "1501", true),
                    account(staff, "1502", true)), new LinuxLogonLock(HostRoot.live(), runner), policyExcept(staff),
                    outbox, Clock.systemUTC());

            HoldStatus held = hold.hold("hold-9", true);
            assertEquals(List.of(pupil), held.lockedAccounts());
            assertTrue(shadowLine(pupil).startsWith(pupil + ":!"), shadowLine(pupil));
            assertEquals(staffBefore, shadowLine(staff), "the exception is untouched");

            hold.lift("hold-9");
            assertEquals(pupilBefore, shadowLine(pupil));
        } finally {
            runner.run("userdel", pupil);
            runner.run("userdel", staff);
        }
    }

    private static String shadowLine(String name) throws Exception {
        return HostRoot.live().readLines("/etc/shadow").stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .orElseThrow();
    }
}
