package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Set;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call to people's API reach its handler only when the caller (named by {@link ApiKeyGate}) holds a role
 * of the route's {@link Access} group. Runs once the route is matched; a route registered without exactly one
 * group is refused rather than left open.
 */
public final class RoleGate implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(RoleGate.class);

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> groups = ctx.routeRoles();
        if (groups.size() != 1 || !(groups.iterator().next() instanceof Access access)) {
            LOG.error("Route {} {} is registered without one access group; it is refused until it has one",
                    ctx.method(), ctx.endpointHandlerPath());
            throw new ApiProblem(403, "route-closed", "This route is closed because the console does not say who "
                    + "may use it; tell the console's operator");
        }
        Person caller = ApiKeyGate.caller(ctx);
        if (!access.admits(caller)) {
            throw new ApiProblem(403, "role-required", "This needs one of the roles " + access.roleNames()
                    + "; your key has " + caller.roleNames() + ". Ask the console's administrator for a key with "
                    + "the role your work needs (nestguard-console user add NAME --role ROLE --setting ID)");
        }
    }
}
