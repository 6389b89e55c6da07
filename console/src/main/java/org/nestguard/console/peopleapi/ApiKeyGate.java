package org.nestguard.console.peopleapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.ApiKeys;

/** Lets people's API calls through only with {@code Authorization: Bearer <api key>} of a key this console made. */
public final class ApiKeyGate implements Handler {
    /** The request attribute holding the {@link Person} whose key was presented: their roles, and who acted. */
    public static final String CALLER = "nestguard.apiKey";
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;

    public ApiKeyGate(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            throw new ApiProblem(401, "api-key-required", "This API needs an API key in the header "
                    + "'Authorization: Bearer <key>'; create one with nestguard-console user add NAME");
        }
        Person person = apiKeys.authenticate(header.substring(BEARER.length())).orElseThrow(() -> new ApiProblem(401,
                "api-key-invalid", "This console made no such API key; check it was copied whole, or create one "
                + "with nestguard-console user add NAME"));
        ctx.attribute(CALLER, person);
    }

    /** The person whose key let this request in. */
    static Person caller(Context ctx) {
        return ctx.attribute(CALLER);
    }
}
