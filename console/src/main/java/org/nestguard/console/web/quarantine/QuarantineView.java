package org.nestguard.console.web.quarantine;

import java.util.Locale;
import java.util.stream.Collectors;
import org.nestguard.console.store.QuarantineItemState;
import org.nestguard.console.store.QuarantineSummary;
import org.nestguard.console.web.ShownTime;

/** A quarantine item as the pages word it: metadata only, never content. */
public record QuarantineView(QuarantineSummary item) {
    /** isolated, released or destroyed, with an order the device has not carried out yet. */
    public String state() {
        return item.state().id() + (item.pending() == null ? "" : " (" + item.pending() + " ordered)");
    }

    /** The device's name, or its id when it reported none. */
    public String device() {
        return item.hostname() == null ? item.deviceId() : item.hostname();
    }

    public String account() {
        return item.facts().account() == null ? "" : item.facts().account()
                + (item.accountKind() == null ? "" : " (" + item.accountKind().name().toLowerCase(Locale.ROOT) + ")");
    }

    public String path() {
        return item.facts().path();
    }

    /** The size in bytes and, from a kilobyte up, in KB, MB or GB. */
    public String size() {
        long bytes = item.facts().size();
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.UK, "%.1f %s (%,d bytes)", value, units[unit], bytes);
    }

    public String kind() {
        return item.facts().kind().name().toLowerCase(Locale.ROOT);
    }

    /** Each rule that matched: its list or rule name and why. */
    public String rules() {
        return item.matches().stream().map(match -> match.name() + (match.reason() == null ? ""
                : ": " + match.reason())).collect(Collectors.joining("; "));
    }

    public String isolatedAt() {
        return ShownTime.of(item.isolatedAt());
    }

    /** Whether the item is still in the vault with no order pending: the decisions that move it are possible. */
    public boolean decidable() {
        return item.state() == QuarantineItemState.ISOLATED && item.pending() == null;
    }
}
