package org.nestguard.console.reports;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.AuditEntry;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.DeviceAccounts;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.SeenAccount;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /reports/access?setting=} and {@code GET /reports/access.csv?setting=}: the record of users granted
 * access (policy §7.2), as a page and as a download; each is audited.
 */
public final class AccessRecordPage {
    private final Settings settings;
    private final Devices devices;
    private final DeviceAccounts deviceAccounts;
    private final Accounts accounts;
    private final AuditLog audit;
    private final PageRenderer renderer;
    private final Clock clock;

    public AccessRecordPage(Settings settings, Devices devices, DeviceAccounts deviceAccounts, Accounts accounts,
                            AuditLog audit, PageRenderer renderer, Clock clock) {
        this.settings = settings;
        this.devices = devices;
        this.deviceAccounts = deviceAccounts;
        this.accounts = accounts;
        this.audit = audit;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** The page. */
    public void show(Context ctx) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(Reports::noSetting);
        AccessRecord record = record(acting.id());
        audit.record(acting.person(), "access-record.read", "setting " + acting.id(), "devices="
                + record.devices().size() + "; device accounts=" + record.deviceAccounts().size()
                + "; console grants=" + record.grants().size(), acting.id());
        renderer.render(ctx, "reports/access.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "record", record));
    }

    /** The same record as CSV, one row per device account and per console grant. */
    public void download(Context ctx) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(Reports::noSetting);
        AccessRecord record = record(acting.id());
        String csv = AccessRecordCsv.of(record);
        audit.record(acting.person(), "access-record.download", "setting " + acting.id(), "csv rows="
                + (record.deviceAccounts().size() + record.grants().size()), acting.id());
        String file = "access-record-" + acting.id().replaceAll("[^A-Za-z0-9-]", "_") + "-"
                + LocalDate.now(clock.withZone(DateField.ZONE)) + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv);
    }

    private AccessRecord record(String settingId) {
        List<Device> ofSetting = devices.list().stream().filter(device -> device.settingId().equals(settingId))
                .sorted(Comparator.comparing((Device device) -> device.facts().hostname() == null ? ""
                        : device.facts().hostname()).thenComparing(Device::id)).toList();
        List<SeenAccount> seen = deviceAccounts.of(settingId);
        Map<String, AuditEntry> madeBy = new HashMap<>();
        for (AuditEntry entry : audit.accountGrants()) {
            madeBy.putIfAbsent(entry.target(), entry);
        }
        List<ConsoleGrant> grants = new ArrayList<>();
        for (Account account : accounts.list()) {
            AuditEntry made = madeBy.get("account " + account.name());
            for (Grant grant : account.grants()) {
                if (grant.settingId() == null || grant.settingId().equals(settingId)) {
                    grants.add(new ConsoleGrant(account.name(), grant.role().id(), grant.settingLabel(),
                            made == null ? null : made.actor(), made == null ? null : made.at(), account.enabled()));
                }
            }
        }
        grants.sort(Comparator.comparing(ConsoleGrant::account).thenComparing(ConsoleGrant::role));
        return new AccessRecord(ofSetting, seen, grants);
    }
}
