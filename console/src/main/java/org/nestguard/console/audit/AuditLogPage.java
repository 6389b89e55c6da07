package org.nestguard.console.audit;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Map;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.store.AuditLog;
import org.nestguard.console.store.AuditPage;
import org.nestguard.console.store.AuditQuery;
import org.nestguard.console.store.AuditVerification;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.DateField;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /audit?setting=&actor=&action=&target=&from=&to=&before=&all=} and {@code GET /audit/verify}: who
 * saw or changed what and when, filtered and paged, and the hash-chain check. What each person sees is the audit
 * log's own rule: an administrator the setting's rows (or, when granted admin in every setting and asking for
 * {@code all}, every row), a DSL the setting's rows except reads of staff records. Both reads are audited.
 */
public final class AuditLogPage {
    public static final String PATH = "/audit";
    public static final String VERIFY = "/audit/verify";
    /** Rows per page. */
    static final int PAGE = 50;

    private final Settings settings;
    private final AuditLog audit;
    private final PageRenderer renderer;

    public AuditLogPage(Settings settings, AuditLog audit, PageRenderer renderer) {
        this.settings = settings;
        this.audit = audit;
        this.renderer = renderer;
    }

    /** The filtered, paged log. */
    public void show(Context ctx) {
        ActingSetting acting = acting(ctx);
        boolean all = wantsAll(ctx);
        LocalDate from = DateField.of(ctx, "from", "From");
        LocalDate to = DateField.of(ctx, "to", "To");
        AuditQuery query = new AuditQuery(text(ctx, "actor"), text(ctx, "action"), text(ctx, "target"),
                from == null ? null : from.atStartOfDay(DateField.ZONE).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(DateField.ZONE).toInstant(), PAGE, before(ctx));
        AuditPage page = audit.read(reader(ctx, acting, all), query);
        AuditFilters filters = new AuditFilters(query.actor(), query.action(), query.target(),
                from == null ? "" : from.toString(), to == null ? "" : to.toString(), all);
        renderer.render(ctx, "audit/log.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "page", page, "filters", filters, "mayReadAll", mayReadAll(ctx),
                "next", page.next() == null ? "" : acting.link(PATH + filters.query() + "before=" + page.next())));
    }

    /** The chain check: intact, or the first broken row and how. */
    public void verify(Context ctx) {
        ActingSetting acting = acting(ctx);
        boolean all = wantsAll(ctx);
        AuditVerification result = audit.verify(reader(ctx, acting, all));
        renderer.render(ctx, "audit/verify.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "result", result));
    }

    private ActingSetting acting(Context ctx) {
        return ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(404, "No setting", "Your account "
                + "acts in no setting yet, so there is no audit log to show. Ask an administrator to grant you a "
                + "role in your setting."));
    }

    // an administrator of every setting may read the console's own rows (sign-ins, accounts) and all settings'
    private static boolean mayReadAll(Context ctx) {
        return SignedIn.of(ctx).account().grants().stream().anyMatch(grant -> grant.role() == Role.ADMIN
                && grant.settingId() == null);
    }

    private static boolean wantsAll(Context ctx) {
        boolean asked = "1".equals(ctx.queryParam("all"));
        if (asked && !mayReadAll(ctx)) {
            throw new PageRefusal(403, "Only your setting's rows", "Every setting's rows are for administrators of "
                    + "every setting; you see the rows of the settings you act in. Choose one of them instead.");
        }
        return asked;
    }

    private static Person reader(Context ctx, ActingSetting acting, boolean all) {
        Account account = SignedIn.of(ctx).account();
        return all ? account.actingIn(null) : acting.person();
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null && value.length() > 200) {
            throw new PageRefusal(400, "Filter too long", "The " + name + " filter is longer than 200 characters; "
                    + "give part of the name or word you are looking for.");
        }
        return value;
    }

    private static Long before(Context ctx) {
        String value = ctx.queryParam("before");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PageRefusal(400, "Not a page", "'before' must be a row number, as the Older rows link gives "
                    + "it; go back to the first page of the log.");
        }
    }
}
