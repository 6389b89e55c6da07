package org.nestguard.console.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.ServerConnector;
import org.nestguard.console.compliance.PremisesCheck;
import org.nestguard.console.agentapi.CheckInHandler;
import org.nestguard.console.agentapi.EnrolHandler;
import org.nestguard.console.agentapi.EvidenceUploadHandler;
import org.nestguard.console.peopleapi.Access;
import org.nestguard.console.peopleapi.AlertsHandler;
import org.nestguard.console.peopleapi.AuditHandler;
import org.nestguard.console.peopleapi.AuditVerifyHandler;
import org.nestguard.console.peopleapi.ComplianceHandler;
import org.nestguard.console.peopleapi.DeviceCommandHandler;
import org.nestguard.console.peopleapi.DeviceDetailHandler;
import org.nestguard.console.peopleapi.DestroyHandler;
import org.nestguard.console.peopleapi.DeviceListHandler;
import org.nestguard.console.peopleapi.EvidenceDownloadHandler;
import org.nestguard.console.peopleapi.ExportHandler;
import org.nestguard.console.peopleapi.FileFlagListHandler;
import org.nestguard.console.peopleapi.FlagDetailHandler;
import org.nestguard.console.peopleapi.FlagQueueHandler;
import org.nestguard.console.peopleapi.FlagStateHandler;
import org.nestguard.console.peopleapi.HistoryHandler;
import org.nestguard.console.peopleapi.HistoryNoticesHandler;
import org.nestguard.console.peopleapi.HoldHandler;
import org.nestguard.console.peopleapi.HoldLiftHandler;
import org.nestguard.console.peopleapi.HoldListHandler;
import org.nestguard.console.peopleapi.IsolateHandler;
import org.nestguard.console.peopleapi.OutingCheckHandler;
import org.nestguard.console.peopleapi.OutingHandler;
import org.nestguard.console.peopleapi.PolicyUploadHandler;
import org.nestguard.console.peopleapi.PreserveHandler;
import org.nestguard.console.peopleapi.QuarantineDetailHandler;
import org.nestguard.console.peopleapi.QuarantineListHandler;
import org.nestguard.console.peopleapi.ReleaseHandler;
import org.nestguard.console.peopleapi.RemovableMediaHandler;
import org.nestguard.console.peopleapi.RoleGate;
import org.nestguard.console.peopleapi.SelfTestHandler;
import org.nestguard.console.peopleapi.SelfTestLogHandler;
import org.nestguard.console.peopleapi.SessionGate;
import org.nestguard.console.peopleapi.SessionHandler;
import org.nestguard.console.peopleapi.ViewingHandler;
import org.nestguard.console.policy.PolicyPublisher;
import org.nestguard.console.pki.ServerIdentity;
import org.nestguard.console.store.StoreException;
import org.nestguard.console.web.AccountSessions;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.WebPages;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's HTTPS server: the agent API, people's JSON API and the web pages on one TLS listener. */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Javalin app;
    private final ServerConnector connector;
    private final RouteTable routes;

    private ConsoleServer(Javalin app, ServerConnector connector, RouteTable routes) {
        this.app = app;
        this.connector = connector;
        this.routes = routes;
    }

    /** Starts serving on {@code bindAddress:port} (port 0 picks a free one; see {@link #port()}). */
    public static ConsoleServer start(Console console, ServerIdentity identity, String bindAddress, int port) {
        ObjectMapper mapper = WireJson.mapper();
        JsonBody body = new JsonBody(mapper);
        TlsConnector tls = new TlsConnector(identity, console.ca().certificate(), bindAddress, port);
        AtomicReference<ServerConnector> connector = new AtomicReference<>();
        PolicyPublisher publisher = new PolicyPublisher(console.settings(), console.commands());
        PremisesCheck premises = new PremisesCheck();
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            // JsonBody enforces the limit itself with an ApiError; Javalin's own check must not refuse first
            config.http.maxRequestSize = AgentApi.MAX_BODY_BYTES + 1L;
            // the pages' style sheet, and htmx from its WebJar: the console serves both, never a CDN
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.jetty.addConnector((server, http) -> {
                ServerConnector built = tls.build(server, http);
                connector.set(built);
                return built;
            });
        });
        RouteTable routes = new RouteTable(app);
        AccountSessions sessions = AccountSessions.over(console);
        WebPages.register(app, routes, console, sessions);
        app.post(AgentApi.ENROLL, new EnrolHandler(console, body));
        app.post(AgentApi.CHECK_IN, new CheckInHandler(console, body));
        app.put(EvidenceUploadHandler.PATH, new EvidenceUploadHandler(console));
        // once the route is known: who is calling and in which setting, then whether their roles admit its group
        app.beforeMatched("/api/v1/*", new SessionGate(sessions, console.settings()));
        app.beforeMatched("/api/v1/*", new RoleGate());
        SessionHandler session = new SessionHandler(sessions, body);
        routes.post(SessionHandler.PATH, session::signIn, Access.SIGN_IN);
        routes.delete(SessionHandler.PATH, session::signOut, Access.SIGNED_IN);
        routes.get("/api/v1/devices", new DeviceListHandler(console.devices()), Access.DEVICES);
        routes.get("/api/v1/devices/{id}", new DeviceDetailHandler(console, premises), Access.DEVICES);
        routes.post("/api/v1/devices/{id}/commands", new DeviceCommandHandler(console, body), Access.DEVICES);
        routes.post("/api/v1/devices/{id}/self-test", new SelfTestHandler(console), Access.SELF_TEST);
        routes.get("/api/v1/self-tests", new SelfTestLogHandler(console.selfTests()), Access.SELF_TEST_LOG);
        routes.get("/api/v1/settings/{id}/compliance", new ComplianceHandler(console), Access.COMPLIANCE);
        routes.post("/api/v1/settings/{id}/policy", new PolicyUploadHandler(publisher, body), Access.POLICY);
        routes.get("/api/v1/alerts", new AlertsHandler(console, premises), Access.ALERTS);
        routes.get("/api/v1/history", new HistoryHandler(console.history()), Access.HISTORY);
        routes.get("/api/v1/history/notices", new HistoryNoticesHandler(console.history()), Access.HISTORY);
        routes.get("/api/v1/flags", new FlagQueueHandler(console.flags()), Access.FLAGS);
        routes.get("/api/v1/flags/{id}", new FlagDetailHandler(console.flags()), Access.FLAGS);
        routes.post("/api/v1/flags/{id}/state", new FlagStateHandler(console.flags(), body), Access.FLAGS);
        routes.get("/api/v1/file-flags", new FileFlagListHandler(console.fileFlags()), Access.FILES);
        routes.get("/api/v1/quarantine", new QuarantineListHandler(console.quarantine()), Access.FILES);
        routes.get("/api/v1/quarantine/{id}", new QuarantineDetailHandler(console.quarantine()), Access.FILES);
        routes.post("/api/v1/quarantine/{id}/release", new ReleaseHandler(console.quarantine(), body), Access.FILES);
        routes.post("/api/v1/quarantine/{id}/destroy", new DestroyHandler(console.quarantine(), body), Access.FILES);
        routes.post("/api/v1/quarantine/{id}/preserve", new PreserveHandler(console.quarantine(), body), Access.FILES);
        routes.post("/api/v1/quarantine/{id}/export", new ExportHandler(console, body), Access.FILES);
        routes.post("/api/v1/quarantine/{id}/viewings", new ViewingHandler(console.quarantine(), body), Access.FILES);
        routes.get("/api/v1/evidence/{exportId}", new EvidenceDownloadHandler(console), Access.FILES);
        routes.post("/api/v1/devices/{id}/isolate", new IsolateHandler(console, body), Access.ISOLATE);
        routes.post("/api/v1/devices/{id}/hold", new HoldHandler(console, body), Access.HOLDS);
        routes.post("/api/v1/devices/{id}/hold/lift", new HoldLiftHandler(console, body), Access.HOLDS);
        routes.get("/api/v1/devices/{id}/holds", new HoldListHandler(console), Access.HOLDS);
        routes.post("/api/v1/devices/{id}/outing-check", new OutingCheckHandler(console), Access.OUTINGS);
        routes.get("/api/v1/devices/{id}/outing", new OutingHandler(console), Access.OUTINGS);
        routes.get("/api/v1/removable-writes", RemovableMediaHandler.writes(console.removableMedia()),
                Access.REMOVABLE_WRITES);
        routes.get("/api/v1/removable-scans", RemovableMediaHandler.scans(console.removableMedia()),
                Access.REMOVABLE_SCANS);
        routes.get("/api/v1/audit", new AuditHandler(console.audit()), Access.AUDIT);
        routes.get("/api/v1/audit/verify", new AuditVerifyHandler(console.audit()), Access.AUDIT);
        app.exception(ApiProblem.class, (e, ctx) -> ctx.status(e.status()).json(e.error()));
        app.exception(PageRefusal.class, (e, ctx) -> WebPages.failure(ctx, e.status(), e.title(), e.getMessage()));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.error("Store failure on {} {}", ctx.method(), ctx.path(), e);
            if (WebPages.isPage(ctx)) {
                WebPages.failure(ctx, 503, "Database unavailable", "The console could not reach its database; try "
                        + "again shortly, and tell the console's operator if it persists.");
                return;
            }
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new ApiError("store-unavailable", "The console could "
                    + "not reach its database; try again shortly, and tell the console's operator if it persists"));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            if (WebPages.isPage(ctx)) {
                WebPages.failure(ctx, 500, "Something went wrong", "The console failed to handle this page; try "
                        + "again, and tell the console's operator if it persists.");
                return;
            }
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(new ApiError("internal-error", "The console failed "
                    + "to handle this request; try again, and tell the console's operator if it persists"));
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (WebPages.isPage(ctx)) {
                // a page that refused with its own 404 page (PageRefusal) keeps it
                if (type == null || !type.contains("html")) {
                    WebPages.failure(ctx, 404, "Page not found", "There is no page at " + ctx.path() + ". Check "
                            + "the address, or go to your home page.");
                }
            } else if (type == null || !type.contains("json")) {
                ctx.json(new ApiError("not-found", "There is nothing at " + ctx.path() + "; check the address"));
            }
        });
        app.start();
        return new ConsoleServer(app, connector.get(), routes);
    }

    /** Every page and people's API route with its access group (not the agent API's mutual-TLS routes). */
    public List<RouteTable.Route> routes() {
        return routes.list();
    }

    /** The port actually listened on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting requests and waits for those in progress. */
    @Override
    public void close() {
        app.stop();
    }
}
