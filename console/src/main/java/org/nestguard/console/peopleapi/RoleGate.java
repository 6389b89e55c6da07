package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call to people's API reach its handler only when the caller (found by {@link SessionGate}, acting in the
 * call's setting) holds a role of the route's {@link Access} group. Runs once the route is matched; a route
 * registered without exactly one group is refused rather than left open.
 */
public final class RoleGate implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(RoleGate.class);

    @Override
    public void handle(Context ctx) {
        Access access = Access.of(ctx.routeRoles());
        if (access == null) {
            LOG.error("Route {} {} is registered without one access group; it is refused until it has one",
                    ctx.method(), ctx.endpointHandlerPath());
            throw new ApiProblem(403, "route-closed", "This route is closed because the console does not say who "
                    + "may use it; tell the console's operator");
        }
        if (!access.needsRoles()) {
            return;
        }
        Person caller = SessionGate.caller(ctx);
        if (!access.admits(caller)) {
            throw new ApiProblem(403, "role-required", "This needs one of the roles " + access.roleNames()
                    + "; your account has " + (caller.roles().isEmpty() ? "none" : caller.roleNames())
                    + (caller.settingId() == null ? "" : " in setting '" + caller.settingId() + "'")
                    + ". Ask the console's administrator for the role your work needs (nestguard-console account "
                    + "add NAME --role ROLE --setting ID), or act in another of your settings with ?setting=ID");
        }
    }
}
