package org.nestguard.agent.check;

import java.time.Duration;
import java.util.List;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockProbe;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.ScreenLockRule;

/** Each local user's screen locks after at most the policy's idle time and needs a password to wake. */
public final class ScreenLockCheck implements Check {
    private final ScreenLockProbe probe;

    public ScreenLockCheck(ScreenLockProbe probe) {
        this.probe = probe;
    }

    @Override
    public Control control() {
        return Control.SCREEN_LOCK;
    }

    @Override
    public CheckResult run(Policy policy) {
        ScreenLockRule rule = policy.screenLock();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no screen-lock rule");
        }
        List<ScreenLockSetting> users;
        try {
            users = probe.users();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "screen-lock settings could not be read: " + e.getMessage(),
                    rule.clauses());
        }
        Findings findings = new Findings(control());
        for (ScreenLockSetting user : users) {
            judge(rule, user, findings);
        }
        return findings.result(rule.clauses(), users.size() + " user(s) lock within " + words(rule.maxIdle())
                        + (rule.passwordOnWake() ? " and need a password to wake" : ""),
                "no local user with a session or profile was found whose screen lock could be read");
    }

    private static void judge(ScreenLockRule rule, ScreenLockSetting s, Findings findings) {
        String item = "user " + s.user() + " (" + s.environment() + ")";
        if (s.unreadableReason() != null) {
            findings.unknown(item, s.unreadableReason(), s.source());
            return;
        }
        if (Boolean.FALSE.equals(s.lockEnabled())) {
            findings.fail(item, "automatic screen lock is off", s.source());
            return;
        }
        if (s.lockEnabled() == null) {
            findings.unknown(item, "whether the screen locks automatically could not be read", s.source());
            return;
        }
        if (s.idleBeforeLock() == null) {
            findings.fail(item, "the screen never locks when idle", s.source());
            return;
        }
        if (s.idleBeforeLock().compareTo(rule.maxIdle()) > 0) {
            findings.fail(item, "locks after " + words(s.idleBeforeLock()) + " idle; the policy allows at most "
                    + words(rule.maxIdle()), s.source());
            return;
        }
        if (rule.passwordOnWake()) {
            if (s.passwordOnWake() == null) {
                findings.unknown(item, "locks after " + words(s.idleBeforeLock())
                        + ", but whether a password is needed to wake could not be read", s.source());
                return;
            }
            if (!s.passwordOnWake()) {
                findings.fail(item, "locks after " + words(s.idleBeforeLock())
                        + " but no password is needed to wake", s.source());
                return;
            }
        }
        findings.pass(item, "locks after " + words(s.idleBeforeLock())
                + (Boolean.TRUE.equals(s.passwordOnWake()) ? ", password needed to wake" : ""), s.source());
    }

    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return "0 seconds (immediately)";
        }
        if (seconds % 3600 == 0) {
            return (seconds / 3600) + (seconds == 3600 ? " hour" : " hours");
        }
        if (seconds % 60 == 0) {
            return (seconds / 60) + (seconds == 60 ? " minute" : " minutes");
        }
        return seconds + " seconds";
    }
}
