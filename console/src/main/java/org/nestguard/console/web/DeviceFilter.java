package org.nestguard.console.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nestguard.console.store.Device;

/**
 * What the device list is narrowed to; null (or false) means any.
 *
 * @param failing     a control the device fails
 * @param notSeenDays no check-in for at least this many days
 * @param offPremises only devices last seen off the premises
 * @param os          the operating system's name, exactly
 * @param search      part of the hostname, any case
 * @param page        the page, from 1
 */
public record DeviceFilter(String failing, Integer notSeenDays, boolean offPremises, String os, String search,
                           int page) {
    /** Devices per page. */
    public static final int PAGE_SIZE = 50;

    /** The filter in the request's query. */
    static DeviceFilter of(Context ctx) {
        String days = PageQuery.text(ctx, "notSeenDays");
        return new DeviceFilter(PageQuery.text(ctx, "failing"), days == null ? null
                : PageQuery.wholeNumber(ctx, "notSeenDays", 0, 0, 36_500, "number of days not seen"),
                "yes".equals(PageQuery.text(ctx, "offPremises")), PageQuery.text(ctx, "os"),
                PageQuery.text(ctx, "q"), PageQuery.wholeNumber(ctx, "page", 1, 1, 100_000, "page number"));
    }

    /** Whether the device's hostname holds the search text, in any case (true when there is no search). */
    boolean matchesHostname(Device device) {
        String hostname = device.facts().hostname();
        return search == null || (hostname != null && hostname.toLowerCase(Locale.ROOT)
                .contains(search.toLowerCase(Locale.ROOT)));
    }

    /** Whether any filter is set. */
    public boolean any() {
        return failing != null || notSeenDays != null || offPremises || os != null || search != null;
    }

    /** The query for this filter on another page (setting first), for the paging links. */
    public String query(String settingId, int otherPage) {
        List<String> parts = new ArrayList<>();
        parts.add("setting=" + encode(settingId));
        if (failing != null) {
            parts.add("failing=" + encode(failing));
        }
        if (notSeenDays != null) {
            parts.add("notSeenDays=" + notSeenDays);
        }
        if (offPremises) {
            parts.add("offPremises=yes");
        }
        if (os != null) {
            parts.add("os=" + encode(os));
        }
        if (search != null) {
            parts.add("q=" + encode(search));
        }
        parts.add("page=" + otherPage);
        return "?" + String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
