package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.Device;

/**
 * {@code GET /api/v1/settings/{id}/compliance}: per control, how many of the setting's devices pass, fail or are
 * unknown. A device with no result for a control yet counts as unknown, never as passing.
 */
public final class ComplianceHandler implements Handler {
    private final Console console;

    public ComplianceHandler(Console console) {
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        String settingId = ctx.pathParam("id");
        if (console.settings().find(settingId).isEmpty() || !SessionGate.caller(ctx).actsFor(settingId)) {
            throw new ApiProblem(404, "setting-unknown", "There is no setting with id '" + settingId + "'; import "
                    + "its policy with nestguard-console policy import FILE");
        }
        List<Device> devices = console.devices().list().stream().filter(d -> d.settingId().equals(settingId)).toList();
        List<Map<String, String>> statuses = new ArrayList<>();
        TreeSet<String> controls = new TreeSet<>();
        for (Device device : devices) {
            Map<String, String> byControl = new TreeMap<>();
            console.events().latestResults(device.id()).stream().map(ControlResult::of)
                    .forEach(result -> byControl.put(result.control(), result.status()));
            controls.addAll(byControl.keySet());
            statuses.add(byControl);
        }
        List<ControlCompliance> summary = new ArrayList<>();
        for (String control : controls) {
            int passing = 0;
            int failing = 0;
            int unknown = 0;
            int notApplicable = 0;
            for (Map<String, String> byControl : statuses) {
                String status = byControl.get(control);
                if ("PASS".equalsIgnoreCase(status)) {
                    passing++;
                } else if ("FAIL".equalsIgnoreCase(status)) {
                    failing++;
                } else if ("NOT_APPLICABLE".equalsIgnoreCase(status)) {
                    notApplicable++;
                } else {
                    unknown++;
                }
            }
            summary.add(new ControlCompliance(control, passing, failing, unknown, notApplicable));
        }
        ctx.json(new SettingCompliance(settingId, devices.size(), summary));
    }

    /** The setting's compliance: how many devices, and each control's counts. */
    public record SettingCompliance(String settingId, int devices, List<ControlCompliance> controls) {
    }
}
