package org.nestguard.console.store;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.monitoring.AccountKind;

/** What the concern list is asked for; null means any. {@code before} is the {@code next} of the previous page. */
public record CaseQuery(CaseState state, AccountKind kind, int limit, String before) {

    /** The filters for the audit log. */
    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("state=" + (state == null ? "any" : state.id()));
        if (kind != null) {
            parts.add("kind=" + VisibleTo.kindId(kind));
        }
        parts.add("limit=" + limit);
        if (before != null) {
            parts.add("before=" + before);
        }
        return String.join("; ", parts);
    }
}
