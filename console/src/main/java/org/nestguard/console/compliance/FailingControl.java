package org.nestguard.console.compliance;

import java.util.List;

/**
 * One control's failing devices as a page lists them: the first few by hostname, and how many fail in all (the
 * device list, filtered by the control, pages through the rest).
 */
public record FailingControl(String control, int total, List<FailingCheck> shown) {

    /** Whether some failing devices are not listed here. */
    public boolean more() {
        return total > shown.size();
    }
}
