package org.nestguard.console.retention;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.Purge;
import org.nestguard.console.store.Retention;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/**
 * {@code GET /retention?setting=}: per data class, the retention in force and where it comes from, and the purge
 * log of the retention job, newest first. Changing retention is a policy change, so the page links there.
 */
public final class RetentionPage implements Handler {
    public static final String PATH = "/retention";
    /** The policy editing page (built by the policy issue). */
    public static final String POLICY_EDIT = "/policies/edit";

    private final Settings settings;
    private final Retention retention;
    private final PageRenderer renderer;

    public RetentionPage(Settings settings, Retention retention, PageRenderer renderer) {
        this.settings = settings;
        this.retention = retention;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(404, "No setting",
                "Your account acts in no setting yet. Import a setting's policy with nestguard-console policy import "
                        + "FILE, or ask an administrator to grant you a role in one."));
        List<Purge> purges = new java.util.ArrayList<>(retention.purges(acting.id()));
        java.util.Collections.reverse(purges);
        renderer.render(ctx, "retention.jte", Map.of("navigation", SignedIn.of(ctx).navigation(ctx),
                "acting", acting, "rules", RetentionRules.of(settings.currentPolicy(acting.id())),
                "fixed", RetentionRules.FIXED, "purges", purges, "policyEdit", acting.link(POLICY_EDIT)));
    }
}
