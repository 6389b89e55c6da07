package org.nestguard.agent.check;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.policy.PasswordAge;
import org.nestguard.protocol.policy.PasswordRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.Term;

/**
 * Accounts and passwords: every interactive account has a password no older than the policy allows (a period,
 * or the start of the current term), guest and automatic logon are off, generic shared accounts are reported,
 * and each account's last logon is recorded for the register of who has access (§7.2).
 */
public final class AccountsCheck implements Check {
    private final AccountProbe probe;
    private final Clock clock;

    public AccountsCheck(AccountProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    public Control control() {
        return Control.ACCOUNTS;
    }

    @Override
    public CheckResult run(Policy policy) {
        PasswordRule rule = policy.passwords();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no password rule");
        }
        List<LocalAccount> accounts;
        LogonSettings logon;
        try {
            accounts = probe.accounts();
            logon = probe.logonSettings();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "accounts could not be read: " + e.getMessage(), rule.clauses());
        }
        if (accounts.isEmpty()) {
            return CheckResult.unknown(control(), "no local accounts were read", rule.clauses());
        }
        Findings findings = new Findings(control());
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
        int interactive = 0;
        for (LocalAccount account : accounts) {
            if (!account.interactive()) {
                continue;
            }
            String item = "account " + account.name();
            if (account.disabled()) {
                findings.note(item, "disabled; cannot log on", account.source());
                continue;
            }
            interactive++;
            judgePassword(rule, account, item, policy, today, findings);
            judgeShared(rule, account, item, findings);
            String lastLogon = account.lastLogon() == null ? "not recorded or not readable" : account.lastLogon().toString();
            findings.note(item, "last logon " + lastLogon
                    + (Boolean.TRUE.equals(account.administrator()) ? "; administrator" : ""), account.source());
        }
        judgeLogon(rule, logon, findings);
        String passed = interactive == 0 ? "no enabled account can log on with a password; guest and automatic logon off"
                : interactive + " interactive account(s) meet the password rule (" + describe(rule.maxAge())
                        + "); guest and automatic logon off";
        return findings.result(rule.clauses(), passed, "no accounts were found to check");
    }

    private void judgePassword(PasswordRule rule, LocalAccount account, String item, Policy policy, LocalDate today,
                               Findings findings) {
        switch (account.password()) {
            case EMPTY -> {
                if (rule.required()) {
                    findings.fail(item, "has no password", account.source());
                } else {
                    findings.note(item, "has no password (the policy does not require one)", account.source());
                }
                return;
            }
            case LOCKED -> {
                findings.pass(item, "password logon is locked; the account cannot log on with a password",
                        account.source());
                return;
            }
            case UNKNOWN -> {
                findings.unknown(item, "whether it has a password could not be read", account.source());
                return;
            }
            case SET -> {
                // judged below
            }
        }
        PasswordAge maxAge = rule.maxAge();
        if (maxAge instanceof PasswordAge.NoLimit) {
            findings.pass(item, "has a password" + setOn(account.passwordLastSet()) + "; the policy sets no change interval",
                    account.source());
            return;
        }
        Instant lastSet = account.passwordLastSet();
        if (lastSet == null) {
            findings.unknown(item, "has a password, but when it was last set is not recorded", account.source());
            return;
        }
        LocalDate setDay = LocalDate.ofInstant(lastSet, ZoneId.of("Europe/London"));
        long days = ChronoUnit.DAYS.between(setDay, today);
        if (maxAge instanceof PasswordAge.Every every) {
            LocalDate due = setDay.plus(every.period());
            if (today.isAfter(due)) {
                findings.fail(item, "password set on " + setDay + ", " + days + " days ago; the policy requires a change "
                        + describe(maxAge) + ", so it was due on " + due, account.source());
            } else {
                findings.pass(item, "password set on " + setDay + ", " + days + " days ago; next change due by " + due,
                        account.source());
            }
            return;
        }
        Optional<Term> term = policy.currentTerm(today);
        if (term.isEmpty()) {
            findings.unknown(item, "the policy's term dates do not cover " + today
                    + "; add the setting's current terms to the policy", account.source());
            return;
        }
        if (setDay.isBefore(term.get().start())) {
            findings.fail(item, "password set on " + setDay + ", before the current term (" + term.get().name()
                    + ") began on " + term.get().start() + "; the policy requires a change every term", account.source());
        } else {
            findings.pass(item, "password set on " + setDay + ", during the current term (" + term.get().name() + ")",
                    account.source());
        }
    }

    private static void judgeShared(PasswordRule rule, LocalAccount account, String item, Findings findings) {
        for (String shared : rule.sharedAccountNames()) {
            if (shared.equalsIgnoreCase(account.name())) {
                findings.fail(item, "is a generic shared account ('" + shared + "'); staff need their own "
                        + "unique usernames", account.source());
                return;
            }
        }
    }

    private static void judgeLogon(PasswordRule rule, LogonSettings logon, Findings findings) {
        if (logon.guestEnabled() == null) {
            findings.unknown("guest access", "could not be read", logon.source());
        } else if (logon.guestEnabled() && !rule.guestAllowed()) {
            findings.fail("guest access", "is on; anyone can use the device without an account of their own",
                    logon.source());
        } else {
            findings.pass("guest access", logon.guestEnabled() ? "on (allowed by the policy)" : "off", logon.source());
        }
        if (logon.autoLogonEnabled() == null) {
            findings.unknown("automatic logon", "could not be read", logon.source());
        } else if (logon.autoLogonEnabled() && !rule.autoLogonAllowed()) {
            findings.fail("automatic logon", "is on" + (logon.autoLogonUser() == null ? "" : " for "
                    + logon.autoLogonUser()) + "; the device starts without asking for a password", logon.source());
        } else {
            findings.pass("automatic logon", logon.autoLogonEnabled() ? "on (allowed by the policy)" : "off",
                    logon.source());
        }
    }

    private static String setOn(Instant lastSet) {
        return lastSet == null ? "" : " (set on " + LocalDate.ofInstant(lastSet, ZoneId.of("Europe/London")) + ")";
    }

    private static String describe(PasswordAge age) {
        if (age instanceof PasswordAge.Every every) {
            return switch (every.period().toString()) {
                case "P1Y" -> "every year";
                case "P1M" -> "every month";
                default -> "every " + every.period();
            };
        }
        return age instanceof PasswordAge.EveryTerm ? "every term" : "no change interval";
    }
}
