package org.nestguard.console.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.FlagChange;
import org.nestguard.console.store.FlagPage;
import org.nestguard.console.store.FlagQuery;
import org.nestguard.console.store.FlagState;
import org.nestguard.console.store.Flags;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.monitoring.Severity;

/**
 * {@code GET /flags}: the flag queue of the setting, filtered by state, severity, category, device, account and
 * time, a page at a time; {@code POST /flags/review}: marks the ticked flags reviewed with one reason. What each
 * person sees is routing's business (store/Flags with the acting Person), and every read is audited there.
 */
final class FlagQueuePage {
    static final int PAGE_SIZE = 50;
    static final String DEFAULT_REVIEW_REASON = "Reviewed in the queue: no further action needed";

    private final Flags flags;
    private final Devices devices;
    private final Settings settings;
    private final PageRenderer renderer;

    FlagQueuePage(Flags flags, Devices devices, Settings settings, PageRenderer renderer) {
        this.flags = flags;
        this.devices = devices;
        this.settings = settings;
        this.renderer = renderer;
    }

    void show(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        String reviewed = input.query("reviewed");
        render(ctx, acting, input, reviewed == null ? null : reviewed + " flag(s) marked reviewed.", null,
                DEFAULT_REVIEW_REASON);
    }

    void review(Context ctx) {
        ActingSetting acting = RequiredSetting.of(ctx, settings);
        PageInput input = new PageInput(ctx);
        List<String> ids = input.formAll("flag");
        String reason = input.form("reason");
        if (ids.isEmpty()) {
            ctx.status(400);
            render(ctx, acting, input, null, "Tick at least one flag to mark reviewed; nothing was changed.", reason);
            return;
        }
        if (reason == null || reason.isBlank()) {
            ctx.status(400);
            render(ctx, acting, input, null, "Give a reason for marking the flags reviewed (what you checked); "
                    + "nothing was changed.", reason);
            return;
        }
        List<String> refused = new ArrayList<>();
        int done = 0;
        for (String id : ids) {
            try {
                Optional<FlagChange> change = flags.changeState(acting.person(), id, FlagState.REVIEWED, reason,
                        null);
                if (change.isPresent()) {
                    done++;
                } else {
                    refused.add("flag " + id + " is not one of yours");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused.add(e.getMessage());
            }
        }
        if (refused.isEmpty()) {
            ctx.redirect(acting.link(WebPages.FLAGS) + "&reviewed=" + done, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(409);
        render(ctx, acting, input, done + " flag(s) marked reviewed.", "Not changed: " + String.join("; ", refused)
                + ".", reason);
    }

    private void render(Context ctx, ActingSetting acting, PageInput input, String notice, String error,
                        String reason) {
        FlagFilters filters = new FlagFilters(Optional.ofNullable(input.query("state")).orElse("new"),
                input.query("severity"), input.query("category"), input.query("device"), input.query("account"),
                input.query("from"), input.query("to"));
        FlagPage page;
        try {
            FlagState state = "all".equals(filters.state()) ? null : FlagState.parse(filters.state());
            page = flags.queue(acting.person(), new FlagQuery(state, severity(filters.severity()),
                    filters.category(), filters.device(), filters.account(), input.dayStart("from"),
                    input.dayEnd("to"), PAGE_SIZE, input.query("before")));
        } catch (IllegalArgumentException e) {
            throw new PageRefusal(400, "Check the filters", e.getMessage() + ".");
        }
        List<Device> settingDevices = devices.list().stream()
                .filter(device -> device.settingId().equals(acting.id())).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("navigation", SignedIn.of(ctx).navigation(ctx));
        model.put("acting", acting);
        model.put("filters", filters);
        model.put("flags", page.flags());
        model.put("next", page.next() == null ? null : filters.link(acting, page.next()));
        model.put("devices", settingDevices);
        model.put("notice", notice);
        model.put("error", error);
        model.put("reason", reason == null ? "" : reason);
        renderer.render(ctx, "flags.jte", model);
    }

    private static Severity severity(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PageInput.bad("severity", text, "low, medium, high or critical");
        }
    }
}
