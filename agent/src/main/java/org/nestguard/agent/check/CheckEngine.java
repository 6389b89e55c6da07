package org.nestguard.agent.check;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.AddressProbe;
import org.nestguard.agent.platform.Platform;
import org.nestguard.protocol.policy.Policy;

/** Runs every check against a policy; a check that breaks is reported UNKNOWN with the reason, never skipped. */
public final class CheckEngine {
    private final List<Check> checks;

    public CheckEngine(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The nine controls, in the order reports list them. */
    public static CheckEngine standard(Platform platform, AddressProbe addresses, OsLifecycle lifecycle,
                                       FirstSeenLedger ledger, Clock clock) {
        return new CheckEngine(List.of(
                new EncryptionCheck(platform.encryption(), addresses),
                new ScreenLockCheck(platform.screenLock()),
                new AccountsCheck(platform.accounts(), clock),
                new LearnerAccountsCheck(platform.accounts()),
                new AntivirusCheck(platform.antivirus(), clock),
                new FirewallCheck(platform.firewall()),
                new UpdatesCheck(platform.updates(), lifecycle, ledger, clock),
                new SoftwareCheck(platform.software()),
                new LogonNoticeCheck(platform.logonNotice())));
    }

    public List<CheckResult> run(Policy policy) {
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (Check check : checks) {
            results.add(runOne(check, policy));
        }
        return results;
    }

    private static CheckResult runOne(Check check, Policy policy) {
        try {
            return check.run(policy);
        } catch (RuntimeException e) {
            // A bug or an output no parser expected must still show up in the report, as UNKNOWN with the reason.
            return new CheckResult(check.control(), Status.UNKNOWN, "the check failed unexpectedly: " + e,
                    List.of(), List.of());
        }
    }
}
