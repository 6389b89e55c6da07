package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.compliance.ControlResult;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.DeviceCertificate;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.HistoryQuery;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * {@code GET /devices/{id}}: the device's facts, each check's result with its evidence and policy clause, its hold
 * status and the commands sent to it. Its recent history, flags and quarantine items appear only for people routing lets
 * read them, read through the stores (which audit the read); everyone else sees neither them nor their number.
 */
final class DevicePage implements Handler {
    /** How many commands, flags and quarantine items the page lists. */
    static final int RECENT = 10;
    private static final Map<String, String> NOTICES = Map.of(
            "check-now", "Check now is queued: the device runs its checks at its next check-in.",
            "self-test", "The monitoring self-test is queued for the device's next check-in; its result goes to the "
                    + "self-test log.",
            "revoked", "The device is revoked: its next check-in is refused. Re-enrol it with a new token to bring "
                    + "it back.");

    private final Console console;
    private final PremisesCheck premises;
    private final PageRenderer renderer;

    DevicePage(Console console, PremisesCheck premises, PageRenderer renderer) {
        this.console = console;
        this.premises = premises;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingDevice found = ActingDevice.of(ctx, console.settings(), console.devices());
        Person person = found.acting().person();
        String id = found.device().id();
        List<DeviceCertificate> certificates = console.devices().certificates(id);
        Instant revokedAt = certificates.isEmpty() || certificates.stream().anyMatch(c -> c.revokedAt() == null)
                ? null : certificates.stream().map(DeviceCertificate::revokedAt).max(Comparator.naturalOrder())
                .orElse(null);
        boolean readsRecords = person.hasAny(Role.readersOf(AccountKind.LEARNER))
                || person.hasAny(Role.readersOf(AccountKind.STAFF));
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", found.acting());
        model.put("device", found.device());
        model.put("results", console.events().latestResults(id).stream().map(ControlResult::of).toList());
        model.put("onPremises", premises.onPremises(found.device(), console.settings()
                .currentParsedPolicy(found.device().settingId()).orElse(null)));
        model.put("hold", console.holds().current(id).orElse(null));
        model.put("revokedAt", revokedAt);
        model.put("commands", console.commands().recent(id, RECENT).stream().map(CommandRow::new).toList());
        model.put("readsRecords", readsRecords);
        // the stores apply routing and write the read to the audit log; people routing gives nothing are not asked
        model.put("flags", readsRecords ? console.flags().queue(person, new FlagQuery(null, null, null, id, null,
                RECENT, null)).flags() : List.of());
        model.put("quarantine", readsRecords ? console.quarantine().list(person, id, null, RECENT) : List.of());
        // the newest visits routing gives the person (a learner's to the DSLs, staff's to leadership); audited
        model.put("visits", readsRecords ? console.history().search(person, new HistoryQuery(id, null, null, null,
                null, null, RECENT, null)).visits() : List.of());
        model.put("administers", PageAccess.DEVICE_ADMIN.admits(SignedIn.of(ctx).account()));
        model.put("notice", NOTICES.get(Objects.requireNonNullElse(ctx.queryParam("done"), "")));
        model.put("link", found.link());
        renderer.render(ctx, "device.jte", model);
    }
}
