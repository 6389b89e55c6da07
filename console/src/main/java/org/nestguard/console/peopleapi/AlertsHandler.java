package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.store.LatestResults;
import org.nestguard.console.compliance.OffPremises;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Holdings;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.StoredNotice;
import org.nestguard.console.store.UnroutedFlag;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;

/**
 * {@code GET /api/v1/alerts}, for the administrator and technical staff (of their setting, if they have one):
 * devices off the premises whose latest encryption result is not PASS (no result counts as not PASS); flags nobody
 * may read, since their setting has no one else in the roles they go to; settings holding monitoring records their
 * policy does not cover; and histories the agent could not read in the last week. None of them carries browsing.
 */
public final class AlertsHandler implements Handler {
    static final String CLAUSE = OffPremises.CLAUSE;
    /** How far back unreadable histories are reported: a week covers a device used once a week. */
    static final Duration UNREADABLE_WINDOW = Duration.ofDays(7);

    private final Console console;
    private final PremisesCheck premises;
    private final Fleets fleets;

    public AlertsHandler(Console console, PremisesCheck premises) {
        this.console = console;
        this.premises = premises;
        this.fleets = new Fleets(console.devices(), new LatestResults(console.database()));
    }

    @Override
    public void handle(Context ctx) {
        Person caller = SessionGate.caller(ctx);
        List<Alert> alerts = new ArrayList<>();
        for (Setting setting : console.settings().list()) {
            if (!caller.actsFor(setting.id())) {
                continue;
            }
            for (OffPremises found : fleets.unencryptedOffPremises(setting.id(), premises,
                    console.settings().currentParsedPolicy(setting.id()).orElse(null))) {
                Device device = found.device();
                alerts.add(new Alert(Alert.UNENCRYPTED_OFF_PREMISES, device.settingId(), device.id(),
                        device.facts().hostname(), device.lastSeenAt(), "Device " + device.facts().hostname()
                        + " is off the premises and its disk encryption is " + found.encryption() + "; encrypt it or "
                        + "bring it back", null, device.lastSeenAt(), device.lastAddress(), found.encryption(),
                        CLAUSE));
            }
        }
        for (UnroutedFlag flag : console.flags().unrouted()) {
            alerts.add(unrouted(flag));
        }
        for (Holdings holdings : console.retention().holdings()) {
            Alert alert = notCovered(holdings, console.settings().currentParsedPolicy(holdings.settingId()).orElse(null));
            if (alert != null) {
                alerts.add(alert);
            }
        }
        for (StoredNotice notice : console.history().unreadableSince(console.clock().instant()
                .minus(UNREADABLE_WINDOW))) {
            alerts.add(new Alert(Alert.HISTORY_UNREADABLE, notice.settingId(), notice.deviceId(), notice.hostname(),
                    notice.noticed(), "Monitoring has a gap on device " + notice.hostname() + ": the " + notice.browser()
                    + " history of profile '" + notice.profile() + "' could not be read. The agent said: "
                    + notice.detail(), null, null, null, null, null));
        }
        ctx.json(alerts.stream().filter(alert -> caller.actsFor(alert.settingId())).toList());
    }

    private static Alert unrouted(UnroutedFlag flag) {
        String roles = String.join(" or ", Role.readersOf(flag.accountKind()).stream().map(Role::id).sorted()
                .toList());
        String role = flag.accountKind() == AccountKind.STAFF ? "headteacher" : "dsl";
        return new Alert(Alert.FLAG_UNROUTED, flag.settingId(), flag.deviceId(), flag.hostname(), flag.receivedAt(),
                "Flag " + flag.flagId() + " on device " + flag.hostname() + " reaches no one: setting '"
                + flag.settingId() + "' has nobody in the role " + roles + " other than the person the flag is "
                + "about. Give someone else that role, for example: nestguard-console account add NAME --role " + role
                + " --setting " + flag.settingId(), flag.flagId(), null, null, null, null);
    }

    private static Alert notCovered(Holdings holdings, Policy policyOrNull) {
        HistoryRule rule = policyOrNull == null || policyOrNull.monitoring() == null ? null
                : policyOrNull.monitoring().history();
        String message = null;
        if (rule == null && (holdings.visits() || holdings.flags() || holdings.notices())) {
            message = "Setting '" + holdings.settingId() + "' holds browser history, flags or history notices, but "
                    + "its policy has no monitoring.history rule, so nothing says how long to keep them. They are "
                    + "kept, not deleted: add monitoring.history (upload, keepVisits, keepFlags) to its policy";
        } else if (rule != null && rule.upload() == HistoryRule.Upload.FLAGGED && holdings.visits()) {
            message = "Setting '" + holdings.settingId() + "' holds unflagged visits, but its policy uploads only "
                    + "flagged ones and sets no keepVisits. They are kept, not deleted: check that its devices have "
                    + "the current policy, and set upload: all with keepVisits if the setting does want history";
        }
        return message == null ? null : new Alert(Alert.NOT_COVERED, holdings.settingId(), null, null, null, message,
                null, null, null, null, null);
    }
}
