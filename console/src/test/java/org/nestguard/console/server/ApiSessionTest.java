package org.nestguard.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.store.Accounts;
import org.nestguard.console.store.AuditEntry;
import org.nestguard.console.store.MonitoringFixture;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.web.SessionCookie;

/**
 * Signing in to people's API with a console account: the code, the lockout and the audit of the page sign-in,
 * accounts that still owe a step sent to the pages, the cookie and CSRF token, signing out, and which setting a
 * call acts in.
 */
class ApiSessionTest {
    @TempDir
    Path temp;

    TestConsole t;
    WebFixture fixture;

    @BeforeEach
    void start() throws Exception {
        t = new TestConsole(false, temp.resolve("data"));
        fixture = t.accounts;
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void signingInNeedsTheCodeAndAnswersWithTheCookieTheCsrfTokenAndTheRoles() throws Exception {
        WebFixture.Person dsl = fixture.person("r.campbell", Role.DSL);
        HttpResponse<String> noCode = ApiCaller.signInRaw(t, "r.campbell", WebFixture.PASSWORD, null);
        assertRefused(noCode, 401, "code-required");
        assertTrue(noCode.headers().allValues("Set-Cookie").isEmpty(), "no session without the code");
        assertRefused(ApiCaller.signInRaw(t, "r.campbell", WebFixture.PASSWORD, "000000"), 401, "sign-in-failed");
        assertRefused(ApiCaller.signInRaw(t, "r.campbell", "not the password", fixture.codeNow(dsl.secret())), 401,
                "sign-in-failed");
        HttpResponse<String> unknown = ApiCaller.signInRaw(t, "nobody", "not the password", null);
        assertRefused(unknown, 401, "sign-in-failed");
        assertEquals(t.tree(unknown).get("message"), t.tree(ApiCaller.signInRaw(t, "r.campbell", "wrong again",
                null)).get("message"), "the same words whether or not the name is an account");

        HttpResponse<String> signedIn = ApiCaller.signInRaw(t, "r.campbell", WebFixture.PASSWORD,
                fixture.codeNow(dsl.secret()));
        assertEquals(201, signedIn.statusCode(), signedIn.body());
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SessionCookie.SESSION)).findFirst().orElseThrow();
        assertTrue(setCookie.contains("Secure") && setCookie.contains("HttpOnly")
                && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"), setCookie);
        JsonNode session = t.tree(signedIn);
        assertEquals("r.campbell", session.get("account").asText());
        assertEquals("dsl", session.get("roles").get(0).get("role").asText());
        assertEquals(TestConsole.SETTING, session.get("roles").get(0).get("setting").asText());
        assertFalse(session.get("csrfToken").asText().isBlank());
        assertFalse(session.get("expiresAt").asText().isBlank());
        assertFalse(signedIn.body().contains(ApiCaller.sessionCookie(signedIn)), "the cookie only in its header");

        // the code is accepted once: the same code again is refused
        assertRefused(ApiCaller.signInRaw(t, "r.campbell", WebFixture.PASSWORD, fixture.codeNow(dsl.secret())), 401,
                "sign-in-failed");
        List<String> actions = t.console.audit().read(Accounts.COMMAND_LINE, null, null, 100, null).entries()
                .stream().map(AuditEntry::action).toList();
        assertTrue(actions.contains("sign-in") && actions.contains("sign-in.failed")
                && actions.contains("sign-in.totp-failed"), actions.toString());
    }

    @Test
    void theSessionLetsCallsInTheCsrfTokenGuardsChangesAndSigningOutEndsIt() throws Exception {
        WebFixture.Person tech = fixture.person("t.ng", null, List.of(), Role.TECHNICAL);
        HttpResponse<String> signedIn = ApiCaller.signInRaw(t, "t.ng", WebFixture.PASSWORD, null);
        assertEquals(201, signedIn.statusCode(), signedIn.body());
        String cookie = ApiCaller.sessionCookie(signedIn);
        String csrf = t.tree(signedIn).get("csrfToken").asText();
        String device = t.enrol(t.token(1), TestConsole.facts("class-1", "SN-1")).id();

        assertEquals(200, call("GET", "/api/v1/devices", null, cookie, null).statusCode());
        HttpResponse<String> noToken = call("POST", "/api/v1/devices/" + device + "/commands",
                "{\"type\":\"check-now\"}", cookie, null);
        assertRefused(noToken, 403, "csrf-token-required");
        assertTrue(t.tree(noToken).get("message").asText().contains("X-CSRF-Token"), noToken.body());
        assertRefused(call("POST", "/api/v1/devices/" + device + "/commands", "{\"type\":\"check-now\"}",
                cookie, "not-the-token"), 403, "csrf-token-required");
        assertEquals(0, t.console.commands().pending(device).size(), "nothing was queued without the token");
        assertEquals(201, call("POST", "/api/v1/devices/" + device + "/commands", "{\"type\":\"check-now\"}",
                cookie, csrf).statusCode());

        HttpResponse<String> flags = call("GET", "/api/v1/flags", null, cookie, null);
        assertRefused(flags, 403, "role-required");
        assertTrue(t.tree(flags).get("message").asText().contains("dsl, deputy-dsl, manager, headteacher"),
                flags.body());

        assertRefused(call("DELETE", "/api/v1/session", null, cookie, null), 403, "csrf-token-required");
        HttpResponse<String> signedOut = call("DELETE", "/api/v1/session", null, cookie, csrf);
        assertEquals(204, signedOut.statusCode(), signedOut.body());
        assertTrue(signedOut.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.contains("Max-Age=0")));
        HttpResponse<String> after = call("GET", "/api/v1/devices", null, cookie, null);
        assertRefused(after, 401, "sign-in-required");
        assertTrue(t.tree(after).get("message").asText().contains("POST /api/v1/session"), after.body());
        assertEquals(tech.account().name(), t.console.audit().read(Accounts.COMMAND_LINE, null, null, 100, null)
                .entries().stream().filter(e -> e.action().equals("sign-out")).findFirst().orElseThrow().actor());
    }

    @Test
    void aSessionEndsAfterHalfAnHourIdle() throws Exception {
        ApiCaller tech = fixture.api(fixture.person("t.ng", null, List.of(), Role.TECHNICAL));
        String cookie = tech.cookie();
        assertEquals(200, call("GET", "/api/v1/devices", null, cookie, null).statusCode());
        t.clock.advance(Duration.ofMinutes(31));
        assertRefused(call("GET", "/api/v1/devices", null, cookie, null), 401, "sign-in-required");
    }

    @Test
    void accountsThatOweAStepAreSentToThePages() throws Exception {
        t.console.accounts().add("new.dsl", List.of(new Grant(Role.DSL, TestConsole.SETTING)), WebFixture.PASSWORD,
                Accounts.COMMAND_LINE);
        HttpResponse<String> enrol = ApiCaller.signInRaw(t, "new.dsl", WebFixture.PASSWORD, null);
        assertRefused(enrol, 403, "totp-enrolment-required");
        assertTrue(t.tree(enrol).get("message").asText().contains("/signin"), enrol.body());

        fixture.person("t.reset", null, List.of(), Role.TECHNICAL);
        String oneTime = t.console.accounts().resetPassword("t.reset", false, Accounts.COMMAND_LINE);
        assertRefused(ApiCaller.signInRaw(t, "t.reset", oneTime, null), 403, "password-change-required");
    }

    @Test
    void repeatedFailuresLockTheNameOutAsThePagesDo() throws Exception {
        fixture.person("t.ng", null, List.of(), Role.TECHNICAL);
        HttpResponse<String> last = null;
        for (int i = 0; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
            last = ApiCaller.signInRaw(t, "t.ng", "not the password " + i, null);
        }
        assertRefused(last, 429, "sign-in-locked");
        assertRefused(ApiCaller.signInRaw(t, "t.ng", WebFixture.PASSWORD, null), 429, "sign-in-locked");
        assertTrue(t.console.audit().read(Accounts.COMMAND_LINE, null, null, 100, null).entries().stream()
                .anyMatch(e -> e.action().equals("sign-in.lockout")));
    }

    @Test
    void aCallActsInTheSettingItNamesOrTheAccountsOnlyOne() throws Exception {
        String acorns = MonitoringFixture.NO_HISTORY;
        t.publish(MonitoringFixture.policy(acorns));
        ApiCaller both = fixture.api(fixture.person("two.settings", List.of(new Grant(Role.MANAGER,
                TestConsole.SETTING), new Grant(Role.MANAGER, acorns)), List.of()));
        HttpResponse<String> which = t.get("/api/v1/flags", both);
        assertRefused(which, 400, "setting-required");
        assertTrue(t.tree(which).get("message").asText().contains(TestConsole.SETTING + ", " + acorns), which.body());
        assertEquals(200, t.get("/api/v1/flags?setting=" + acorns, both).statusCode());
        assertEquals(200, t.get("/api/v1/settings/" + acorns + "/compliance?setting=" + acorns, both).statusCode());
        assertEquals(404, t.get("/api/v1/settings/" + acorns + "/compliance?setting=" + TestConsole.SETTING, both)
                .statusCode(), "acting in one setting, the other's compliance is not there");

        ApiCaller dsl = fixture.api(fixture.person("one.setting", Role.DSL));
        assertEquals(200, t.get("/api/v1/flags", dsl).statusCode(), "the only setting needs no naming");
        HttpResponse<String> notTheirs = t.get("/api/v1/flags?setting=" + acorns, dsl);
        assertRefused(notTheirs, 403, "setting-not-yours");
        assertTrue(t.tree(notTheirs).get("message").asText().contains(TestConsole.SETTING), notTheirs.body());

        assertEquals(200, t.get("/api/v1/devices", t.admin).statusCode(), "every setting for a global admin");
        assertRefused(t.get("/api/v1/devices?setting=nowhere", t.admin), 404, "setting-unknown");
    }

    HttpResponse<String> call(String method, String path, String body, String cookie, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(t.uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Cookie", SessionCookie.SESSION + "=" + cookie);
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return t.enrolmentClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, t.tree(response).get("code").asText(), response.body());
    }
}
