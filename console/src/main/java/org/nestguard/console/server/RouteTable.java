package org.nestguard.console.server;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.peopleapi.Access;
import org.nestguard.console.web.PageAccess;

/**
 * Every page and people's API route, added here with its one access group ({@link PageAccess} or {@link Access})
 * so that the full list is known: the authorisation test walks it and fails for a route it has no row for. The
 * agent API (mutual TLS, no people) is registered on the app directly.
 */
public final class RouteTable {
    private final Javalin app;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(Javalin app) {
        this.app = app;
    }

    /** One registered route: its method, its path as registered (with {@code {id}} parameters), its group. */
    public record Route(String method, String path, RouteRole access) {
    }

    /** Adds a GET route. */
    public RouteTable get(String path, Handler handler, RouteRole access) {
        return add(HandlerType.GET, path, handler, access);
    }

    /** Adds a POST route. */
    public RouteTable post(String path, Handler handler, RouteRole access) {
        return add(HandlerType.POST, path, handler, access);
    }

    /** Adds a PUT route. */
    public RouteTable put(String path, Handler handler, RouteRole access) {
        return add(HandlerType.PUT, path, handler, access);
    }

    /** Adds a DELETE route. */
    public RouteTable delete(String path, Handler handler, RouteRole access) {
        return add(HandlerType.DELETE, path, handler, access);
    }

    private RouteTable add(HandlerType method, String path, Handler handler, RouteRole access) {
        if (!(access instanceof PageAccess) && !(access instanceof Access)) {
            throw new IllegalArgumentException("The route " + method + " " + path + " needs one access group, a "
                    + "PageAccess or an Access: every route says who may use it");
        }
        app.addEndpoint(new Endpoint(method, path, new RouteRole[] {access}, handler));
        routes.add(new Route(method.name(), path, access));
        return this;
    }

    /** Every route added so far, in the order they were added. */
    public List<Route> list() {
        return List.copyOf(routes);
    }
}
