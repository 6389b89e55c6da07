package org.nestguard.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.compliance.FailingCheck;

/**
 * One control's failing devices as the dashboard lists them: the first {@value #SHOWN} by hostname, and how many
 * fail in all (the device list, filtered by the control, pages through the rest).
 */
public record FailingControl(String control, int total, List<FailingCheck> shown) {
    /** How many failing devices the dashboard lists per control. */
    public static final int SHOWN = 50;

    /** Groups failing checks (by control, then hostname) per control, keeping the first {@value #SHOWN} of each. */
    static List<FailingControl> of(List<FailingCheck> failing) {
        Map<String, List<FailingCheck>> byControl = new LinkedHashMap<>();
        failing.forEach(check -> byControl.computeIfAbsent(check.result().control(), c -> new ArrayList<>())
                .add(check));
        return byControl.entrySet().stream().map(entry -> new FailingControl(entry.getKey(), entry.getValue().size(),
                List.copyOf(entry.getValue().subList(0, Math.min(SHOWN, entry.getValue().size()))))).toList();
    }

    /** Whether some failing devices are not listed here. */
    public boolean more() {
        return total > shown.size();
    }
}
