package org.nestguard.console.web.quarantine;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nestguard.console.store.DeviceOnHoldException;
import org.nestguard.console.store.FileDecision;
import org.nestguard.console.store.Holds;
import org.nestguard.console.store.QuarantineDetail;
import org.nestguard.console.store.QuarantineItems;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.FormOutcome;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code /quarantine/{id}}: one item's metadata, hashes and custody (decisions, viewings, the agent's reports), and
 * the decisions on it, each a form: release, destroy (with the two §11.2 confirmations), preserve for the police,
 * record a viewing. The store refuses what is not allowed (a device on hold, an item no longer in the vault) and
 * its message is shown beside the form, with what was typed kept.
 */
public final class QuarantineItemPage {
    static final String RELEASE = "release";
    static final String DESTROY = "destroy";
    static final String PRESERVE = "preserve";
    static final String VIEWING = "viewing";

    private final QuarantineItems quarantine;
    private final Holds holds;
    private final Settings settings;
    private final PageRenderer renderer;

    public QuarantineItemPage(QuarantineItems quarantine, Holds holds, Settings settings, PageRenderer renderer) {
        this.quarantine = quarantine;
        this.holds = holds;
        this.settings = settings;
        this.renderer = renderer;
    }

    /** {@code GET}: the item (404 when routing does not give it to this person). */
    public void show(Context ctx) {
        render(ctx, QuarantineAccess.acting(ctx, settings), FormOutcome.NONE);
    }

    /** {@code POST /release}: justification. */
    public void release(Context ctx) {
        decide(ctx, RELEASE, List.of("justification"), acting -> quarantine.release(acting.person(), id(ctx),
                ctx.formParam("justification")));
    }

    /** {@code POST /destroy}: justification and both confirmations. */
    public void destroy(Context ctx) {
        decide(ctx, DESTROY, List.of("justification", "noOtherAgencyNeeded", "noRiskToChildOrInvestigation"),
                acting -> {
                    if (!ticked(ctx, "noOtherAgencyNeeded") || !ticked(ctx, "noRiskToChildOrInvestigation")) {
                        throw new IllegalArgumentException("Nothing was destroyed: tick both confirmations, that "
                                + "other agencies do not need to be involved and that deletion places no child at "
                                + "risk and compromises no investigation. If either is not so, keep the item, "
                                + "preserve it for the police, or put the device on hold.");
                    }
                    return quarantine.destroy(acting.person(), id(ctx), ctx.formParam("justification"), true, true);
                });
    }

    /** {@code POST /preserve}: police reference and justification. */
    public void preserve(Context ctx) {
        decide(ctx, PRESERVE, List.of("policeReference", "justification"), acting -> quarantine.preserve(
                acting.person(), id(ctx), ctx.formParam("policeReference"), ctx.formParam("justification")));
    }

    /** {@code POST /viewings}: justification. */
    public void viewing(Context ctx) {
        decide(ctx, VIEWING, List.of("justification"), acting -> quarantine.viewing(acting.person(), id(ctx),
                ctx.formParam("justification")));
    }

    private interface Decision {
        Optional<FileDecision> make(ActingSetting acting);
    }

    private void decide(Context ctx, String form, List<String> fields, Decision decision) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : fields) {
            String value = ctx.formParam(field);
            if (value != null) {
                typed.put(field, value);
            }
        }
        Supplier<String> unknown = () -> "There is no quarantine item '" + id(ctx) + "' among yours in this "
                + "setting; open it from the quarantine list.";
        try {
            if (decision.make(acting).isEmpty()) {
                throw new PageRefusal(404, "No such item", unknown.get());
            }
        } catch (DeviceOnHoldException e) {
            ctx.status(HttpStatus.CONFLICT);
            render(ctx, acting, new FormOutcome(form, e.getMessage(), typed));
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, acting, new FormOutcome(form, e.getMessage(), typed));
            return;
        } catch (IllegalStateException e) {
            ctx.status(HttpStatus.CONFLICT);
            render(ctx, acting, new FormOutcome(form, e.getMessage(), typed));
            return;
        }
        ctx.redirect(acting.link("/quarantine/" + id(ctx)) + "&done=" + form, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, ActingSetting acting, FormOutcome outcome) {
        QuarantineDetail detail = quarantine.read(acting.person(), id(ctx)).orElseThrow(() -> new PageRefusal(404,
                "No such item", "There is no quarantine item '" + id(ctx) + "' among yours in "
                        + acting.setting().name() + "; open it from the quarantine list."));
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("detail", detail);
        page.put("view", new QuarantineView(detail.item()));
        page.put("hold", holds.current(detail.item().deviceId()).orElse(null));
        page.put("outcome", outcome);
        page.put("done", done(ctx.queryParam("done")));
        renderer.render(ctx, "quarantine/item.jte", page);
    }

    private static String done(String form) {
        if (form == null) {
            return null;
        }
        return switch (form) {
            case RELEASE -> "Release ordered: the device restores the file at its next check-in.";
            case DESTROY -> "Destruction ordered with both confirmations recorded: the device destroys the file at "
                    + "its next check-in.";
            case PRESERVE -> "Preserved for the police under their reference.";
            case VIEWING -> "Your viewing and its justification are recorded.";
            default -> null;
        };
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static boolean ticked(Context ctx, String field) {
        String value = ctx.formParam(field);
        return value != null && !value.isBlank();
    }
}
