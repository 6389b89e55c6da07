package org.nestguard.console.web.quarantine;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.store.FlaggedUrl;
import org.nestguard.console.store.FlaggedUrls;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.CsvRows;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.ShownTime;
import org.nestguard.console.web.SignedIn;

/**
 * {@code /quarantine/iwf}: the URLs to report to the Internet Watch Foundation (visits flagged child sexual
 * exploitation or illegal), defanged and never as links, and the same list as a CSV download. Both reads are
 * audited by the store; flagged files carry no source URL, so only visits give URLs, as the page says.
 */
public final class IwfExportPage {
    /** The CSV's header row. */
    static final List<String> HEADER = List.of("defanged_url", "categories", "flags", "first_visited_utc",
            "last_visited_utc");

    private final FlaggedUrls urls;
    private final Settings settings;
    private final PageRenderer renderer;

    public IwfExportPage(FlaggedUrls urls, Settings settings, PageRenderer renderer) {
        this.urls = urls;
        this.settings = settings;
        this.renderer = renderer;
    }

    /** A row as shown: the URL defanged, never the raw one. */
    public record Row(String defanged, String categories, int flags, String firstVisited, String lastVisited) {
    }

    /** {@code GET}: the list on the page. */
    public void show(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        List<Row> rows = urls.read(acting.person(), "shown on the IWF export page").stream().map(url -> new Row(
                Defang.url(url.url()), String.join(", ", url.categories()), url.flags(),
                ShownTime.of(url.firstVisited()), ShownTime.of(url.lastVisited()))).toList();
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("rows", rows);
        page.put("categories", String.join(" and ", FlaggedUrls.CATEGORIES));
        renderer.render(ctx, "quarantine/iwf.jte", page);
    }

    /** {@code GET /urls.csv}: the defanged URLs as a file to attach to the report. */
    public void download(Context ctx) {
        ActingSetting acting = QuarantineAccess.acting(ctx, settings);
        List<FlaggedUrl> found = urls.read(acting.person(), "downloaded as CSV for an IWF report");
        CsvRows csv = new CsvRows().row(HEADER);
        for (FlaggedUrl url : found) {
            csv.row(List.of(Defang.url(url.url()), String.join(" ", url.categories()), String.valueOf(url.flags()),
                    String.valueOf(url.firstVisited()), String.valueOf(url.lastVisited())));
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"iwf-urls-" + acting.id().replaceAll(
                "[^A-Za-z0-9-]", "_") + ".csv\"");
        ctx.result(csv.toString());
    }
}
