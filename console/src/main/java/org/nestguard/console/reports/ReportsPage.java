package org.nestguard.console.reports;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import org.nestguard.console.auth.Account;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;

/** {@code GET /reports}: the reports the signed-in person's roles open, and nothing they do not. */
public final class ReportsPage implements Handler {
    /** One report on the index: where, what, and what it is for. */
    public record Entry(String href, String title, String purpose, PageAccess access) {
        /** The element id tests and links find it by. */
        public String id() {
            return "report-" + href.substring(href.lastIndexOf('/') + 1);
        }
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry(Reports.GOVERNORS, "Termly governor summary", "Figures for the governors' termly report: "
                    + "devices, compliance, flags, concerns, quarantine, holds, self-tests and policy changes. No "
                    + "names.", PageAccess.GOVERNOR_REPORT),
            new Entry(Reports.ACCESS, "Record of users granted access", "The accounts on each device and whether "
                    + "they are administrators, and the console accounts with their roles (policy §7.2).",
                    PageAccess.ACCESS_RECORD),
            new Entry(Reports.SELF_TESTS, "Monitoring self-test log", "Every monitoring self-test, when and by whom, "
                    + "and whether it worked end to end: for the annual review.", PageAccess.SELF_TEST_LOG));

    private final PageRenderer renderer;

    public ReportsPage(PageRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        Account account = signedIn.account();
        renderer.render(ctx, "reports/index.jte", Map.of("navigation", signedIn.navigation(ctx), "reports",
                ENTRIES.stream().filter(entry -> entry.access().admits(account)).toList()));
    }
}
