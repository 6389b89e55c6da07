package org.nestguard.console.web.quarantine;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.QuarantineItemState;
import org.nestguard.console.store.QuarantineItems;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /quarantine}: the quarantine items of the setting that routing gives this person (learner accounts'
 * to the DSLs, staff accounts' to leadership), newest first, optionally of one state. Read through the store, so
 * the read is audited. Metadata only.
 */
public final class QuarantineListPage implements Handler {
    private final QuarantineItems quarantine;
    private final Settings settings;
    private final PageRenderer renderer;

    public QuarantineListPage(QuarantineItems quarantine, Settings settings, PageRenderer renderer) {
        this.quarantine = quarantine;
        this.settings = settings;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        QuarantineItemState state = state(ctx.queryParam("state"));
        List<QuarantineView> items = quarantine.list(acting.person(), null, state, QuarantineItems.DEFAULT_LIMIT)
                .stream().map(QuarantineView::new).toList();
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("items", items);
        page.put("state", state == null ? "" : state.id());
        page.put("limit", QuarantineItems.DEFAULT_LIMIT);
        renderer.render(ctx, "quarantine/list.jte", page);
    }

    private static QuarantineItemState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(QuarantineItemState.values()).filter(s -> s.id().equals(text.strip())).findFirst()
                .orElseThrow(() -> new PageRefusal(400, "No such state", "'" + text + "' is not a quarantine state; "
                        + "choose isolated, released or destroyed, or leave it empty for all."));
    }
}
