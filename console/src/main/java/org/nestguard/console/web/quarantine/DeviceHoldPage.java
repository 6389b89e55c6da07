package org.nestguard.console.web.quarantine;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Holds;
import org.nestguard.console.store.PoliceAdvice;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.FormOutcome;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.ShownTime;
import org.nestguard.console.web.SignedIn;

/**
 * {@code /devices/{id}/hold}: the device's holds (audited through the store) and the forms to place one (a reason,
 * optionally locking logon) and to lift it, which needs the police advice: who advised, when, their reference and
 * what they advised.
 */
public final class DeviceHoldPage {
    static final String PLACE = "place";
    static final String LIFT = "lift";

    private final Holds holds;
    private final Devices devices;
    private final Settings settings;
    private final PageRenderer renderer;

    public DeviceHoldPage(Holds holds, Devices devices, Settings settings, PageRenderer renderer) {
        this.holds = holds;
        this.devices = devices;
        this.settings = settings;
        this.renderer = renderer;
    }

    /** {@code GET}: the holds and the form that fits (place while none is open, lift while one is). */
    public void show(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        render(ctx, acting, device(ctx, acting), FormOutcome.NONE);
    }

    /** {@code POST}: reason, and lock ticked or not. */
    public void place(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        Device device = device(ctx, acting);
        Map<String, String> typed = typed(ctx, List.of("reason", "lock"));
        try {
            holds.place(acting.person(), device, ctx.formParam("reason"), typed.containsKey("lock"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
            render(ctx, acting, device, new FormOutcome(PLACE, e.getMessage(), typed));
            return;
        }
        ctx.redirect(acting.link("/devices/" + device.id() + "/hold") + "&done=" + PLACE, HttpStatus.SEE_OTHER);
    }

    /** {@code POST /lift}: adviser, advisedAt (local time), policeReference, advice and justification. */
    public void lift(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        Device device = device(ctx, acting);
        Map<String, String> typed = typed(ctx, List.of("adviser", "advisedAt", "policeReference", "advice",
                "justification"));
        try {
            String reference = ctx.formParam("policeReference");
            if (reference == null || reference.isBlank()) {
                throw new IllegalArgumentException("The police reference is required: give the crime or incident "
                        + "number the advice was given under.");
            }
            String advice = ctx.formParam("advice");
            String outcome = advice == null || advice.isBlank() ? null : "Reference " + reference.strip() + ": "
                    + advice.strip();
            holds.lift(acting.person(), device, new PoliceAdvice(ctx.formParam("adviser"),
                    advisedAt(ctx.formParam("advisedAt")), outcome), ctx.formParam("justification"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
            render(ctx, acting, device, new FormOutcome(LIFT, e.getMessage(), typed));
            return;
        }
        ctx.redirect(acting.link("/devices/" + device.id() + "/hold") + "&done=" + LIFT, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, ActingSetting acting, Device device, FormOutcome outcome) {
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("device", device);
        page.put("holds", holds.history(acting.person(), device));
        page.put("current", holds.current(device.id()).orElse(null));
        page.put("outcome", outcome);
        String done = ctx.queryParam("done");
        page.put("done", PLACE.equals(done) ? "The device is on hold: the hold is sent at its next check-in, and any "
                + "release or destroy not yet carried out was withdrawn." : LIFT.equals(done) ? "The hold is lifted "
                + "with the police advice recorded." : null);
        renderer.render(ctx, "quarantine/hold.jte", page);
    }

    private Device device(Context ctx, ActingSetting acting) {
        String id = ctx.pathParam("id");
        return devices.find(id).filter(device -> device.settingId().equals(acting.id())).orElseThrow(() ->
                new PageRefusal(404, "No such device", "There is no device '" + id + "' in "
                        + acting.setting().name() + "; open its hold from a quarantine item of that device."));
    }

    // a datetime-local field: the school's local time, to the minute
    private static Instant advisedAt(String text) {
        if (text == null || text.isBlank()) {
            return null; // the store says it is required
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(ShownTime.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("When the advice was given is '" + text + "', which is not a date "
                    + "and time; give it as 2026-01-12T09:30");
        }
    }

    private static Map<String, String> typed(Context ctx, List<String> fields) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : fields) {
            String value = ctx.formParam(field);
            if (value != null && !(field.equals("lock") && value.isBlank())) {
                typed.put(field, value);
            }
        }
        return typed;
    }
}
