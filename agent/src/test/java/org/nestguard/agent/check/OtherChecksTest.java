package org.nestguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.AntivirusProduct.RealTime;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonNotice.Stage;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.protocol.policy.Policy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The screen-lock, learner, antivirus, firewall, software and logon-notice checks against fake probes. */
class OtherChecksTest {
    private final Policy policy = TestPolicies.everyControl();

    @Nested
    class ScreenLock {
        private CheckResult run(ScreenLockSetting... users) {
            return new ScreenLockCheck(() -> List.of(users)).run(policy);
        }

        private ScreenLockSetting user(Boolean enabled, Duration idle, Boolean password) {
            return new ScreenLockSetting("alice", "GNOME", enabled, idle, password, "gsettings", null);
        }

        @Test
        void lockWithinTheLimitWithPasswordPasses() {
            assertEquals(Status.PASS, run(user(true, Duration.ofMinutes(5), true)).status());
        }

        @Test
        void lockAfterFifteenMinutesFailsAFiveMinuteRule() {
            CheckResult r = run(user(true, Duration.ofMinutes(15), true));
            assertEquals(Status.FAIL, r.status());
            assertTrue(r.summary().contains("15 minutes"), r.summary());
        }

        @Test
        void lockOffOrNeverOrNoPasswordFails() {
            assertEquals(Status.FAIL, run(user(false, null, true)).status());
            assertEquals(Status.FAIL, run(user(true, null, true)).status());
            assertEquals(Status.FAIL, run(user(true, Duration.ofMinutes(1), false)).status());
        }

        @Test
        void anUnreadableUserMakesTheControlUnknownUnlessAnotherFails() {
            ScreenLockSetting unreadable = ScreenLockSetting.unreadable("bob", "GNOME", "gsettings", "no session bus");
            assertEquals(Status.UNKNOWN, run(user(true, Duration.ofMinutes(5), true), unreadable).status());
            assertEquals(Status.FAIL, run(user(false, null, null), unreadable).status());
        }

        @Test
        void noUsersIsUnknown() {
            assertEquals(Status.UNKNOWN, run().status());
        }
    }

    @Nested
    class Learners {
        private CheckResult run(org.nestguard.agent.platform.LocalAccount... accounts) {
            return new LearnerAccountsCheck(AccountsCheckTest.probe(AccountsCheckTest.SAFE_LOGON, accounts)).run(policy);
        }

        @Test
        void learnerInTheSudoGroupFails() {
            CheckResult r = run(AccountsCheckTest.account("pupil7", PasswordState.SET, null, true, "sudo"));
            assertEquals(Status.FAIL, r.status());
            assertTrue(r.summary().contains("pupil7"));
        }

        @Test
        void learnerByGroupWhoIsNotAnAdministratorPasses() {
            assertEquals(Status.PASS, run(AccountsCheckTest.account("sam", PasswordState.SET, null, false, "learners"),
                    AccountsCheckTest.account("teacher1", PasswordState.SET, null, true, "sudo")).status());
        }

        @Test
        void learnerWhoseAdminRightsCannotBeReadIsUnknown() {
            org.nestguard.agent.platform.LocalAccount unsure = new org.nestguard.agent.platform.LocalAccount("pupil9",
                    "1009", true, false, PasswordState.SET, null, null, java.util.Set.of("learners"), null, "dscl");
            assertEquals(Status.UNKNOWN, run(unsure).status());
        }

        @Test
        void noAccountsReadIsUnknownNotPass() {
            assertEquals(Status.UNKNOWN, run().status());
        }

        @Test
        void staffAdministratorsAreNotLearners() {
            CheckResult r = run(AccountsCheckTest.account("head", PasswordState.SET, null, true, "sudo"));
            assertEquals(Status.PASS, r.status());
            assertTrue(r.evidence().get(0).value().contains("none on this device"));
        }
    }

    @Nested
    class Antivirus {
        private CheckResult run(AntivirusProduct... products) {
            return new AntivirusCheck(() -> List.of(products), TestPolicies.CLOCK).run(policy);
        }

        private AntivirusProduct product(String name, Boolean enabled, RealTime realTime, int signatureDaysOld) {
            return new AntivirusProduct(name, enabled, realTime,
                    TestPolicies.NOW.minus(Duration.ofDays(signatureDaysOld)), null, "1.2", "test");
        }

        @Test
        void noProductFails() {
            assertEquals(Status.FAIL, run().status());
        }

        @Test
        void freshAndEnabledPasses() {
            CheckResult r = run(product("ClamAV", true, RealTime.ON_DEMAND_ONLY, 1));
            assertEquals(Status.PASS, r.status());
            assertTrue(r.summary().contains("no on-access scanning"), r.summary());
        }

        @Test
        void oldSignaturesFail() {
            CheckResult r = run(product("ClamAV", true, RealTime.ON_DEMAND_ONLY, 30));
            assertEquals(Status.FAIL, r.status());
            assertTrue(r.summary().contains("30 days old"), r.summary());
        }

        @Test
        void disabledOrNoRealTimeFails() {
            assertEquals(Status.FAIL, run(product("Defender", false, RealTime.OFF, 1)).status());
            assertEquals(Status.FAIL, run(product("Defender", true, RealTime.OFF, 1)).status());
        }

        @Test
        void oneGoodProductIsEnoughWhenDefenderStepsBack() {
            assertEquals(Status.PASS, run(product("Defender", false, RealTime.OFF, 1),
                    product("Sophos", true, RealTime.ON, 0)).status());
        }

        @Test
        void unreadableSignatureDateIsUnknown() {
            assertEquals(Status.UNKNOWN, run(new AntivirusProduct("ClamAV", true, RealTime.ON_DEMAND_ONLY, null, null,
                    null, "x")).status());
        }

        @Test
        void unreadableRealTimeStateIsUnknownNotPass() {
            assertEquals(Status.UNKNOWN, run(product("Defender", true, RealTime.UNREADABLE, 1)).status());
        }

        @Test
        void signaturesDatedInTheFutureAreUnknown() {
            CheckResult r = run(product("Defender", true, RealTime.ON, -30));
            assertEquals(Status.UNKNOWN, r.status());
            assertTrue(r.summary().contains("in the future"), r.summary());
        }

        @Test
        void securityCentersVerdictDecidesWhenNoDateIsGiven() {
            assertEquals(Status.PASS, run(new AntivirusProduct("Sophos", true, RealTime.ON, null, true, null, "wmi"))
                    .status());
            CheckResult stale = run(new AntivirusProduct("Sophos", true, RealTime.ON, null, false, null, "wmi"));
            assertEquals(Status.FAIL, stale.status());
            assertTrue(stale.summary().contains("out of date"), stale.summary());
        }
    }

    @Nested
    class Firewall {
        private CheckResult run(FirewallState... states) {
            return new FirewallCheck(() -> List.of(states)).run(policy);
        }

        @Test
        void everyWindowsProfileMustBeOn() {
            assertEquals(Status.FAIL, run(new FirewallState("Windows Firewall (Domain profile)", true, null, "r"),
                    new FirewallState("Windows Firewall (Public profile)", false, null, "r")).status());
            assertEquals(Status.PASS, run(new FirewallState("Windows Firewall (Domain profile)", true, null, "r"),
                    new FirewallState("Windows Firewall (Public profile)", true, null, "r")).status());
        }

        @Test
        void alternativeProductsNeedOnlyOneOn() {
            assertEquals(Status.PASS, run(new FirewallState("nftables", false, "empty ruleset", "nft"),
                    new FirewallState("ufw", true, "default deny", "ufw.conf")).status());
        }

        @Test
        void noFirewallFailsAndUnreadableIsUnknown() {
            assertEquals(Status.FAIL, run().status());
            assertEquals(Status.UNKNOWN, run(new FirewallState("nftables", null, null, "nft")).status());
        }
    }

    @Nested
    class Software {
        private CheckResult run(InstalledApp... apps) {
            return new SoftwareCheck(() -> SoftwareInventory.complete(List.of(apps))).run(policy);
        }

        @Test
        void anEmptyInventoryIsUnknownNotAllApproved() {
            assertEquals(Status.UNKNOWN, run().status());
        }

        @Test
        void anUnreadableProfileMakesAnOtherwiseApprovedInventoryUnknown() {
            CheckResult r = new SoftwareCheck(() -> new SoftwareInventory(
                    List.of(new InstalledApp("Firefox", "128", null, false, null, "dpkg")),
                    List.of("HKEY_USERS\\S-1-5-21-1-2-3-1001 (hive not loaded)"))).run(policy);
            assertEquals(Status.UNKNOWN, r.status());
            assertTrue(r.summary().contains("S-1-5-21-1-2-3-1001"), r.summary());
        }

        @Test
        void approvedByNameOrWildcardOrAsOsComponentPasses() {
            assertEquals(Status.PASS, run(new InstalledApp("Firefox", "128", null, false, null, "dpkg"),
                    new InstalledApp("Scratch 3 Desktop", "3.0", null, false, null, "flatpak"),
                    new InstalledApp("Files", "43", "GNOME", true, null, "dpkg")).status());
        }

        @Test
        void unapprovedApplicationFailsAndIsNamed() {
            CheckResult r = run(new InstalledApp("Firefox", "128", null, false, null, "dpkg"),
                    new InstalledApp("TikTok", "1.0", "ByteDance", false, "pupil7", "flatpak"));
            assertEquals(Status.FAIL, r.status());
            assertTrue(r.summary().contains("TikTok 1.0"), r.summary());
            assertTrue(r.summary().contains("pupil7"), r.summary());
        }

        @Test
        void probeFailureIsUnknown() {
            assertEquals(Status.UNKNOWN, new SoftwareCheck(() -> {
                throw new ProbeException("dpkg status unreadable");
            }).run(policy).status());
        }
    }

    @Nested
    class LogonNoticeControl {
        private CheckResult run(LogonNotice... notices) {
            return new LogonNoticeCheck(() -> List.of(notices)).run(policy);
        }

        @Test
        void noticeWithTheSettingsTextPassesWhateverTheLineBreaks() {
            assertEquals(Status.PASS, run(new LogonNotice("Monitoring", "Use of this device is\n  MONITORED by Test "
                    + "School.", "GDM greeter", Stage.BEFORE_LOGON, "/etc/dconf/db/gdm.d/01-banner")).status());
        }

        @Test
        void noNoticeFailsAndSaysWhatToConfigure() {
            CheckResult r = run();
            assertEquals(Status.FAIL, r.status());
            assertTrue(r.summary().contains("Use of this device is monitored by Test School."));
        }

        @Test
        void otherTextOrTextOnlyAfterLogonFails() {
            assertEquals(Status.FAIL, run(new LogonNotice(null, "Debian GNU/Linux 12", "console login",
                    Stage.BEFORE_LOGON, "/etc/issue")).status());
            assertEquals(Status.FAIL, run(new LogonNotice(null, "Use of this device is monitored by Test School.",
                    "after logon (motd)", Stage.AFTER_LOGON, "/etc/motd")).status());
            CheckResult consoleOnly = run(new LogonNotice(null, "Use of this device is monitored by Test School.",
                    "console login", Stage.BEFORE_SECONDARY_LOGON, "/etc/issue"));
            assertEquals(Status.FAIL, consoleOnly.status());
            assertTrue(consoleOnly.evidence().get(0).value().contains("most users never see"));
        }
    }

    @Test
    void controlsThePolicyDoesNotSetAreNotApplicable() {
        Policy bare = TestPolicies.everyControl(y -> y.substring(0, y.indexOf("passwords:")));
        assertEquals(Status.NOT_APPLICABLE, new FirewallCheck(List::of).run(bare).status());
        assertEquals(Status.NOT_APPLICABLE, new ScreenLockCheck(List::of).run(bare).status());
        assertEquals(Status.NOT_APPLICABLE, new LogonNoticeCheck(List::of).run(bare).status());
        assertEquals(Status.NOT_APPLICABLE, new SoftwareCheck(() -> SoftwareInventory.complete(List.of())).run(bare)
                .status());
    }
}
