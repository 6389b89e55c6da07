package org.nestguard.agent.check;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UpdateProbe;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.UpdateRule;

/**
 * The OS release still gets security updates from its vendor, and no security update has waited longer than
 * the policy allows (from its publication, or from when the agent first saw it where the OS gives no date).
 */
public final class UpdatesCheck implements Check {
    private final UpdateProbe probe;
    private final OsLifecycle lifecycle;
    private final FirstSeenLedger ledger;
    private final Clock clock;

    public UpdatesCheck(UpdateProbe probe, OsLifecycle lifecycle, FirstSeenLedger ledger, Clock clock) {
        this.probe = probe;
        this.lifecycle = lifecycle;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public Control control() {
        return Control.UPDATES;
    }

    @Override
    public CheckResult run(Policy policy) {
        UpdateRule rule = policy.updates();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no update rule");
        }
        Findings findings = new Findings(control());
        judgeRelease(findings);
        judgePending(rule, findings);
        return findings.result(rule.clauses(), "supported release; no security update waiting longer than "
                + rule.maxSecurityUpdateAge().toDays() + " days", "nothing could be read");
    }

    private void judgeRelease(Findings findings) {
        OsRelease release;
        try {
            release = probe.release();
        } catch (ProbeException e) {
            findings.unknown("operating system", "the release could not be read: " + e.getMessage(), "");
            return;
        }
        String item = "operating system " + release.name();
        Optional<OsLifecycle.Entry> entry = lifecycle.find(release);
        if (entry.isEmpty()) {
            findings.unknown(item, "no support dates are known for " + release.family() + " " + release.version()
                    + "; add them to policies/lifecycle/os-lifecycle.yaml", release.source());
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        OsLifecycle.Entry e = entry.get();
        if (today.isAfter(e.lastSupported())) {
            findings.fail(item, "out of security support since " + e.lastSupported() + " (" + e.source()
                    + "); upgrade to a supported release", release.source());
        } else if (today.isAfter(e.securityEnds())) {
            findings.pass(item, "on extended security support (" + e.extendedBy() + ") until " + e.extendedEnds()
                    + "; regular support ended " + e.securityEnds(), release.source());
        } else {
            findings.pass(item, "supported until " + e.securityEnds(), release.source());
        }
    }

    /** A list of pending updates is only as current as the catalogue; one not refreshed for weeks hides updates. */
    private static void judgeCatalog(UpdateRule rule, PendingUpdates found, Instant now, Findings findings) {
        if (found.catalogRefreshed() == null) {
            findings.unknown("update catalogue", "when the system last checked for updates is not known ("
                    + found.catalogSource() + "), so updates it has not heard of may be missing", found.catalogSource());
            return;
        }
        Duration age = Duration.between(found.catalogRefreshed(), now);
        if (age.compareTo(rule.maxSecurityUpdateAge()) > 0) {
            findings.fail("update catalogue", "last refreshed " + found.catalogRefreshed() + ", " + age.toDays()
                    + " days ago: the device is not checking for updates, so security updates it needs may be unseen",
                    found.catalogSource());
        } else {
            findings.pass("update catalogue", "last refreshed " + found.catalogRefreshed(), found.catalogSource());
        }
    }

    private void judgePending(UpdateRule rule, Findings findings) {
        PendingUpdates found;
        try {
            found = probe.pending();
        } catch (ProbeException e) {
            findings.unknown("pending updates", "could not be read: " + e.getMessage(), "");
            return;
        }
        List<PendingUpdate> pending = found.updates();
        Instant now = clock.instant();
        judgeCatalog(rule, found, now, findings);
        List<String> keys = new ArrayList<>();
        int security = 0;
        int other = 0;
        for (PendingUpdate update : pending) {
            if (!update.security()) {
                other++;
                continue;
            }
            security++;
            // Keyed by name alone: a newer candidate for the same package must not restart the clock.
            String key = update.name();
            keys.add(key);
            Instant since = update.availableSince();
            String from = "published";
            if (since == null) {
                since = ledger.firstSeen(key);
                from = "first seen by the agent";
            }
            Duration waiting = Duration.between(since, now);
            String item = "security update " + key + (update.version() == null ? "" : " " + update.version());
            String when = from + " " + since + ", waiting " + waiting.toDays() + " days";
            if (waiting.compareTo(rule.maxSecurityUpdateAge()) > 0) {
                findings.fail(item, when + "; the policy allows " + rule.maxSecurityUpdateAge().toDays()
                        + " days: install it", update.source());
            } else {
                findings.pass(item, when + "; due within " + rule.maxSecurityUpdateAge().toDays() + " days",
                        update.source());
            }
        }
        try {
            ledger.retainAndSave(keys);
        } catch (IOException e) {
            findings.note("pending updates", "could not save when updates were first seen: " + e.getMessage(), "");
        }
        if (security == 0) {
            findings.pass("pending updates", "no security updates pending" + (other == 0 ? "" : "; " + other
                    + " other update(s) available"), pending.isEmpty() ? "" : pending.get(0).source());
        } else if (other > 0) {
            findings.note("pending updates", other + " other (non-security) update(s) available", "");
        }
        if (!ledger.isPersistent() && pending.stream().anyMatch(u -> u.security() && u.availableSince() == null)) {
            findings.note("pending updates", "the OS does not say when these were published and the agent has no "
                    + "state folder, so waiting times count from this run", "");
        }
    }
}
