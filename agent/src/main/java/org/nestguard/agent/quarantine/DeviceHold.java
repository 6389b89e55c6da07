package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.policy.FileCheckRule;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the device on hold and lifts it: the hold is stored before anything else, so from that moment nothing is
 * deleted; with a lock, every interactive local account but the policy's {@code fileChecks.holdLockExcept} is
 * disabled and its sessions ended, and lifting undoes exactly that. Each change is recorded as a {@code hold} event.
 */
public final class DeviceHold {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceHold.class);

    private final HoldState state;
    private final AccountProbe accounts;
    private final LogonLock lock;
    private final PolicySource policy;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();

    public DeviceHold(HoldState state, AccountProbe accounts, LogonLock lock, PolicySource policy, Outbox outbox,
                      Clock clock) {
        this.state = state;
        this.accounts = accounts;
        this.lock = lock;
        this.policy = policy;
        this.outbox = outbox;
        this.clock = clock;
    }

    public boolean active() {
        return state.active();
    }

    /** Puts the device on hold (or keeps the hold it is on), locking logon when {@code lockLogon}. */
    public synchronized HoldStatus hold(String holdId, boolean lockLogon) throws IOException {
        Hold hold = state.current().orElse(null);
        String detail;
        if (hold == null) {
            hold = new Hold(holdId, clock.instant(), lockLogon, List.of(), List.of());
            state.store(hold);
            detail = "on hold from " + hold.since() + ": nothing on the device is deleted or purged";
        } else {
            detail = "already on hold " + hold.holdId() + " since " + hold.since();
        }
        if (lockLogon && hold.locked().isEmpty()) {
            hold = applyLock(hold);
            detail += hold.locked().isEmpty() ? "; the lock was not applied: " + String.join("; ",
                    hold.lockFailures()) : "; interactive logon disabled for " + hold.locked().size() + " account(s)";
        }
        return report(hold, true, detail);
    }

    /** Lifts the hold named {@code holdId}, undoing its lock; another hold id changes nothing. */
    public synchronized HoldStatus lift(String holdId) throws IOException {
        Hold hold = state.current().orElse(null);
        if (hold == null) {
            return report(new Hold(holdId, clock.instant(), false, List.of(), List.of()), false,
                    "the device was not on hold; nothing to lift");
        }
        if (!hold.holdId().equals(holdId)) {
            return report(hold, true, "the device is on hold " + hold.holdId() + ", not " + holdId
                    + "; nothing was lifted");
        }
        List<String> failures = new ArrayList<>();
        for (LockedAccount locked : hold.locked()) {
            try {
                lock.unlock(locked);
            } catch (ProbeException e) {
                failures.add(locked.account() + ": " + e.getMessage());
            }
        }
        state.clear();
        Hold lifted = new Hold(hold.holdId(), hold.since(), hold.lockRequested(), List.of(), failures);
        return report(lifted, false, failures.isEmpty()
                ? "hold lifted; " + (hold.locked().isEmpty() ? "there was no lock to undo"
                : "logon restored as it was for " + hold.locked().size() + " account(s)")
                : "hold lifted, but " + failures.size() + " account(s) could not be restored; see lockFailures");
    }

    private Hold applyLock(Hold hold) throws IOException {
        FileCheckRule rule = policy.current().fileChecks();
        List<String> except = rule == null ? List.of() : rule.holdLockExcept();
        if (except.isEmpty()) {
            return stored(hold, List.of(), List.of("the policy names no account in fileChecks.holdLockExcept, so "
                    + "locking could shut out the setting's technical staff; add one and hold again"));
        }
        List<LocalAccount> local;
        try {
            local = accounts.accounts();
        } catch (ProbeException e) {
            return stored(hold, List.of(), List.of("the local accounts could not be read: " + e.getMessage()));
        }
        Set<String> exempt = Set.copyOf(except);
        if (local.stream().noneMatch(a -> exempt.contains(a.name()))) {
            return stored(hold, List.of(), List.of("fileChecks.holdLockExcept names no local account of this "
                    + "device (" + String.join(", ", except) + "), so locking would shut everyone out"));
        }
        List<LockedAccount> locked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LocalAccount account : local) {
            // uid 0 stays: expiring root breaks its cron jobs and services, and no one logs on as it at a desktop.
            if (!account.interactive() || exempt.contains(account.name()) || "0".equals(account.id())) {
                continue;
            }
            try {
                LockedAccount done = lock.lock(account);
                locked.add(done);
                if (done.warning() != null) {
                    failures.add(account.name() + ": " + done.warning());
                }
            } catch (ProbeException e) {
                failures.add(account.name() + ": " + e.getMessage());
            }
            hold = stored(hold, locked, failures); // after each: a crash must not forget what was changed
        }
        return stored(hold, locked, failures);
    }

    private Hold stored(Hold hold, List<LockedAccount> locked, List<String> failures) throws IOException {
        Hold next = new Hold(hold.holdId(), hold.since(), hold.lockRequested(), locked, failures);
        state.store(next);
        return next;
    }

    private HoldStatus report(Hold hold, boolean active, String detail) throws IOException {
        HoldStatus status = new HoldStatus(hold.holdId(), active,
                hold.locked().stream().map(LockedAccount::account).toList(), hold.lockFailures(), detail);
        outbox.append(HoldStatus.TYPE, json.valueToTree(status));
        LOG.info("Hold {}: {}", hold.holdId(), detail);
        return status;
    }
}
