package org.nestguard.console.store;

import java.util.List;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Visit;

/**
 * One flag for its reviewer: why it was raised (every matching rule), the visits of the same profile just before
 * and after it (from the flag's own context and, where history is uploaded, stored visits within ten minutes),
 * oldest first, and every change of its state.
 */
public record FlagDetail(FlagSummary flag, List<Flag> reasons, List<Visit> before, List<Visit> after,
                         List<FlagChange> changes) {
    public FlagDetail {
        reasons = List.copyOf(reasons);
        before = List.copyOf(before);
        after = List.copyOf(after);
        changes = List.copyOf(changes);
    }
}
