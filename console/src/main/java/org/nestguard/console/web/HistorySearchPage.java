package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.History;
import org.nestguard.console.store.HistoryPage;
import org.nestguard.console.store.HistoryQuery;
import org.nestguard.console.store.Settings;

/**
 * {@code GET /history}: browsing history of the setting by device, account, time, domain and category, newest
 * first, a page at a time. Routing and the audit record are store/History's, given the acting Person.
 */
final class HistorySearchPage implements Handler {
    static final int PAGE_SIZE = 100;

    private final History history;
    private final Devices devices;
    private final Settings settings;
    private final PageRenderer renderer;

    HistorySearchPage(History history, Devices devices, Settings settings, PageRenderer renderer) {
        this.history = history;
        this.devices = devices;
        this.settings = settings;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : new String[] {"device", "account", "from", "to", "domain", "category"}) {
            filters.put(name, input.query(name));
        }
        HistoryPage page;
        try {
            page = history.search(acting.person(), new HistoryQuery(filters.get("device"), filters.get("account"),
                    input.dayStart("from"), input.dayEnd("to"), filters.get("domain"), filters.get("category"),
                    PAGE_SIZE, input.query("before")));
        } catch (IllegalArgumentException e) {
            throw new PageRefusal(400, "Check the search", e.getMessage() + ".");
        }
        Map<String, String> nextQuery = new LinkedHashMap<>(filters);
        nextQuery.put("before", page.next());
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("filters", filters);
        model.put("visits", page.visits());
        model.put("next", page.next() == null ? null
                : acting.link(WebPages.HISTORY) + FlagFilters.query(nextQuery));
        model.put("devices", devices.list().stream().filter(device -> device.settingId().equals(acting.id()))
                .toList());
        renderer.render(ctx, "history.jte", model);
    }
}
