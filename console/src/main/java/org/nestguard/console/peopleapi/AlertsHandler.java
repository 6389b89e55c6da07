package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/**
 * {@code GET /api/v1/alerts}: devices off the premises whose latest encryption result is not PASS (no result
 * counts as not PASS), for the manager and technical staff.
 */
public final class AlertsHandler implements Handler {
    static final String CLAUSE = "004: \"Setting issued devices should not leave the premises unless encrypted\"";

    private final Console console;
    private final PremisesCheck premises;

    public AlertsHandler(Console console, PremisesCheck premises) {
        this.console = console;
        this.premises = premises;
    }

    @Override
    public void handle(Context ctx) {
        SettingPolicies policies = new SettingPolicies(console.settings());
        List<Alert> alerts = new ArrayList<>();
        for (Device device : console.devices().list()) {
            if (!Boolean.FALSE.equals(premises.onPremises(device, policies.current(device.settingId())))) {
                continue;
            }
            String encryption = console.events().latestResults(device.id()).stream().map(ControlResult::of)
                    .filter(ControlResult::isEncryption).map(ControlResult::status).findFirst().orElse("NO RESULT");
            if (!"PASS".equalsIgnoreCase(encryption)) {
                alerts.add(new Alert(device.id(), device.facts().hostname(), device.settingId(), device.lastSeenAt(),
                        device.lastAddress(), encryption, CLAUSE));
            }
        }
        ctx.json(alerts);
    }
}
