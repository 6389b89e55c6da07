package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.nestguard.agent.check.AccountsCheck;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.EncryptionCheck;
import org.nestguard.agent.check.LearnerAccountsCheck;
import org.nestguard.agent.check.Status;
import org.nestguard.agent.platform.AddressProbe;
import org.nestguard.agent.platform.Platform;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped policy files judged against real Linux probes reading precise /etc and sysfs trees: the cases a
 * technical lead would try first. Dates are relative to a fixed day so the 400-day password stays 400 days old.
 */
class LinuxPolicyCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC).toEpochDay();

    @TempDir
    Path dir;

    /** A device whose only address is this literal (no lookup happens for a literal). */
    private static AddressProbe at(String literal) throws java.net.UnknownHostException {
        List<InetAddress> addresses = List.of(InetAddress.getByName(literal));
        return () -> addresses;
    }

    private static Policy setting(String name) throws Exception {
        // Tests run in the agent module; the policies module is its sibling.
        return new PolicyLoader().load(Path.of("..", "policies", "settings", name + ".yaml"));
    }

    private Platform laptop(String passwd, String shadow, String group) {
        HostTree tree = new HostTree(dir)
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n" + passwd)
                .file("/etc/shadow", "root:*:" + (TODAY - 10) + ":0:99999:7:::\n" + shadow)
                .file("/etc/group", "root:x:0:\n" + group)
                .fixture("/proc/self/mountinfo", "proc-self-mountinfo-debian12-vm.txt")
                .blockDevice("vda", "254:0", null, null);
        return LinuxPlatform.create(tree.root(), new FixtureCommandRunner(), CLOCK);
    }

    private Platform teacherWithPasswordDaysOld(long days) {
        return laptop("alice:x:1001:1001:Alice Teacher:/home/alice:/bin/bash\n",
                "alice:$6$salt$hash:" + (TODAY - days) + ":0:99999:7:::\n", "alice:x:1001:\n");
    }

    @Test
    void passwordSetFourHundredDaysAgoFailsFlaggsYearlyRuleAndPassesDimplesWhichSetsNone() throws Exception {
        Platform platform = teacherWithPasswordDaysOld(400);
        CheckResult flagg = new AccountsCheck(platform.accounts(), CLOCK).run(setting("flagg-nursery"));
        assertEquals(Status.FAIL, flagg.status(), flagg.summary());
        assertTrue(flagg.summary().contains("account alice") && flagg.summary().contains("400 days ago"),
                flagg.summary());
        assertTrue(flagg.clauses().stream().anyMatch(c -> c.quote().contains("every year")));

        CheckResult dimples = new AccountsCheck(platform.accounts(), CLOCK).run(setting("dimples-day-care"));
        assertEquals(Status.PASS, dimples.status(), dimples.summary());
    }

    @Test
    void dittonsMonthlyRuleFailsAFortyDayOldPassword() throws Exception {
        CheckResult r = new AccountsCheck(teacherWithPasswordDaysOld(40).accounts(), CLOCK).run(setting("ditton-junior"));
        assertEquals(Status.FAIL, r.status(), r.summary());
    }

    @Test
    void teynhamsTermRuleFailsAPasswordSetInTheSummerHoliday() throws Exception {
        // 2026-11-23 is in Teynham's autumn term, which began in early September.
        CheckResult r = new AccountsCheck(teacherWithPasswordDaysOld(100).accounts(), CLOCK)
                .run(setting("teynham-pre-school"));
        assertEquals(Status.FAIL, r.status(), r.summary());
        assertTrue(r.summary().contains("before the current term"), r.summary());
        assertEquals(Status.PASS, new AccountsCheck(teacherWithPasswordDaysOld(30).accounts(), CLOCK)
                .run(setting("teynham-pre-school")).status());
    }

    @Test
    void learnerInTheSudoGroupFails() throws Exception {
        Platform platform = laptop("pupil-7:x:1002:1002::/home/pupil-7:/bin/bash\n",
                "pupil-7:$6$salt$hash:" + (TODAY - 5) + ":0:99999:7:::\n", "sudo:x:27:pupil-7\npupil-7:x:1002:\n");
        CheckResult r = new LearnerAccountsCheck(platform.accounts()).run(setting("ditton-junior"));
        assertEquals(Status.FAIL, r.status(), r.summary());
        assertTrue(r.summary().contains("pupil-7") && r.summary().contains("sudo"), r.summary());
    }

    @Test
    void learnerWhoIsNotAnAdministratorPasses() throws Exception {
        Platform platform = laptop("pupil-7:x:1002:1002::/home/pupil-7:/bin/bash\n",
                "pupil-7:$6$salt$hash:" + (TODAY - 5) + ":0:99999:7:::\n", "pupils:x:1500:pupil-7\n");
        assertEquals(Status.PASS, new LearnerAccountsCheck(platform.accounts()).run(setting("ditton-junior")).status());
    }

    @Test
    void unencryptedRootFailsWhereEncryptionIsAlwaysRequired() throws Exception {
        Platform platform = teacherWithPasswordDaysOld(1);
        AddressProbe onSite = at("10.63.1.20");
        CheckResult acorns = new EncryptionCheck(platform.encryption(), onSite).run(setting("little-thetford-acorns"));
        assertEquals(Status.FAIL, acorns.status(), acorns.summary());
        assertTrue(acorns.summary().contains("not encrypted"), acorns.summary());
    }

    @Test
    void unencryptedRootPassesDittonsOffPremisesRuleOnlyWhileOnSite() throws Exception {
        Platform platform = teacherWithPasswordDaysOld(1);
        AddressProbe onSite = at("10.63.1.20");
        AddressProbe atHome = at("192.168.1.20");
        assertEquals(Status.PASS, new EncryptionCheck(platform.encryption(), onSite).run(setting("ditton-junior"))
                .status());
        assertEquals(Status.FAIL, new EncryptionCheck(platform.encryption(), atHome).run(setting("ditton-junior"))
                .status());
    }
}
