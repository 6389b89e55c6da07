package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Base32;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.SignInStage;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.pki.SecretsKey;

/** Accounts, sessions and the sign-in throttle on both stores. */
class AccountsTest extends StoreTestBase {
    // light parameters keep these tests fast; the OWASP ones are tested in PasswordHashingTest and the page tests
    private static final PasswordHashing LIGHT = new PasswordHashing(64, 1, 1);
    private static final SecretsKey SECRETS = SecretsKey.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private Accounts accounts(Database database) {
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        new Settings(database, clock).add("hythe-nursery", "Hythe Nursery");
        return new Accounts(database, clock, new SecureRandom(), new AuditLog(database, clock), LIGHT, SECRETS);
    }

    @StoreTest
    void ownDeviceAccountsAreKeptInLowerCaseAndGoWithThePersonIntoEverySetting(StoreKind kind) {
        Database database = open(kind);
        Accounts accounts = accounts(database);
        Account jane = accounts.add("jane.smith", List.of(new Grant(Role.MANAGER, "ditton-junior")),
                List.of("JSmith", " jane.smith "), "a long test password", Accounts.COMMAND_LINE).account();
        assertEquals(Set.of("jsmith", "jane.smith"), jane.deviceAccounts());
        assertTrue(jane.actingIn("ditton-junior").owns("JSMITH"), "her own account, however a device spells it");
        assertFalse(jane.asActor().owns("jsmith"), "the audit log's actor carries no routing");

        Account changed = accounts.changeDeviceAccounts("jane.smith", List.of("JS2"), List.of("jane.smith"),
                Accounts.COMMAND_LINE);
        assertEquals(Set.of("jsmith", "js2"), changed.deviceAccounts());
        assertEquals(changed.deviceAccounts(), accounts.list().get(0).deviceAccounts());
        StoreException unknown = assertThrows(StoreException.class, () -> accounts.changeDeviceAccounts(
                "jane.smith", List.of(), List.of("nobody"), Accounts.COMMAND_LINE));
        assertTrue(unknown.getMessage().contains("has no device account 'nobody'; it has js2, jsmith"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> accounts.changeDeviceAccounts("jane.smith", List.of(" "),
                List.of(), Accounts.COMMAND_LINE));
        assertTrue(new AuditLog(database, clock).read(Accounts.COMMAND_LINE, null, null, 10, null).entries()
                .stream().anyMatch(e -> e.action().equals("account.device-accounts")
                        && e.detail().equals("added js2; removed jane.smith")));
    }

    @StoreTest
    void onePersonHoldsSeveralRolesInSeveralSettingsAndOnlyAHashIsStored(StoreKind kind) {
        Database database = open(kind);
        Accounts accounts = accounts(database);
        IssuedPassword issued = accounts.add("j.smith", List.of(new Grant(Role.DSL, "ditton-junior"),
                new Grant(Role.MANAGER, "hythe-nursery"), new Grant(Role.TECHNICAL, null)), null,
                Accounts.COMMAND_LINE);
        Account account = issued.account();
        assertEquals(Set.of("ditton-junior", "hythe-nursery"), account.settingIds());
        assertEquals(Set.of(Role.DSL, Role.MANAGER, Role.TECHNICAL), account.roles());
        assertTrue(account.mustChangePassword() && account.totpRequired() && !account.totpEnrolled());
        assertTrue(issued.oneTimePassword().matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), issued.oneTimePassword());
        assertFalse(issued.toString().contains(issued.oneTimePassword()));
        String stored = database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT password_hash FROM accounts")) {
                row.next();
                return row.getString(1);
            }
        });
        assertTrue(stored.startsWith("$argon2id$v=19$") && !stored.contains(issued.oneTimePassword()));
        assertEquals("j.smith", accounts.checkPassword("j.smith", issued.oneTimePassword(), "10.0.0.1")
                .orElseThrow().name());
        assertTrue(accounts.checkPassword("j.smith", "wrong", "10.0.0.1").isEmpty());
        assertTrue(accounts.checkPassword("nobody", issued.oneTimePassword(), "10.0.0.1").isEmpty());
        assertEquals(SignInStage.PASSWORD_CHANGE, SignInStage.next(account, false));
    }

    @StoreTest
    void badGrantsAndNamesAreRefusedSayingWhatToDo(StoreKind kind) {
        Accounts accounts = accounts(open(kind));
        IllegalArgumentException noSetting = assertThrows(IllegalArgumentException.class,
                () -> new Grant(Role.DSL, null));
        assertTrue(noSetting.getMessage().contains("--setting ID"), noSetting.getMessage());
        StoreException unknown = assertThrows(StoreException.class, () -> accounts.add("a", List.of(
                new Grant(Role.DSL, "no-such-setting")), null, Accounts.COMMAND_LINE));
        assertTrue(unknown.getMessage().contains("no-such-setting"), unknown.getMessage());
        accounts.add("b", List.of(new Grant(Role.TECHNICAL, null)), null, Accounts.COMMAND_LINE);
        StoreException twice = assertThrows(StoreException.class, () -> accounts.add("b", List.of(
                new Grant(Role.TECHNICAL, null)), null, Accounts.COMMAND_LINE));
        assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> accounts.add("bad<name>", List.of(
                new Grant(Role.TECHNICAL, null)), null, Accounts.COMMAND_LINE));
        assertFalse(accounts.list().get(0).totpRequired(), "technical staff need no TOTP by default");
    }

    @StoreTest
    void aTotpStepIsAcceptedOnceAndOnlyLaterStepsAfterIt(StoreKind kind) {
        Accounts accounts = accounts(open(kind));
        Account account = accounts.add("d.lee", List.of(new Grant(Role.DEPUTY_DSL, "ditton-junior")),
                "a long enough password", Accounts.COMMAND_LINE).account();
        String secret = Totp.newSecret(new SecureRandom());
        Totp totp = new Totp(clock);
        assertFalse(accounts.enrolTotp(account, secret, "000000".equals(code(secret, totp.currentStep()))
                ? "111111" : "000000"), "a wrong code enrols nothing");
        assertTrue(accounts.enrolTotp(account, secret, code(secret, totp.currentStep())));
        assertFalse(accounts.acceptTotp(account, code(secret, totp.currentStep())), "the enrolment's code is used");
        assertFalse(accounts.acceptTotp(account, code(secret, totp.currentStep() - 1)), "an earlier step too");
        clock.advance(Duration.ofSeconds(30));
        String next = code(secret, totp.currentStep());
        assertTrue(accounts.acceptTotp(account, next));
        assertFalse(accounts.acceptTotp(account, next), "never twice");
        assertThrows(StoreException.class, () -> accounts.enrolTotp(account, secret, code(secret,
                totp.currentStep() + 1)), "a second enrolment needs an administrator's reset");
        accounts.resetPassword("d.lee", true, Accounts.COMMAND_LINE);
        assertFalse(accounts.list().get(0).totpEnrolled());
    }

    @StoreTest
    void sessionsEndAtTheirLimitsAndWithTheirAccount(StoreKind kind) {
        Database database = open(kind);
        Accounts accounts = accounts(database);
        WebSessions sessions = new WebSessions(database, clock, new SecureRandom());
        Account account = accounts.add("e.fox", List.of(new Grant(Role.MANAGER, "ditton-junior")),
                "a long enough password", Accounts.COMMAND_LINE).account();
        OpenedSession opened = sessions.open(account.id(), SignInStage.SIGNED_IN, "10.0.0.2");
        assertEquals(Sha256.hex(opened.cookieValue()), opened.session().idHash(), "only the hash is kept");
        assertTrue(sessions.find(opened.cookieValue()).isPresent());
        for (int i = 0; i < 40; i++) { // busy all day: idle never reached, the absolute limit is
            clock.advance(Duration.ofMinutes(20));
            if (sessions.find(opened.cookieValue()).isEmpty()) {
                assertTrue(i * 20 >= WebSessions.ABSOLUTE.toMinutes() - 20, "ended after " + i * 20 + " minutes");
                break;
            }
            assertTrue(i * 20 < WebSessions.ABSOLUTE.toMinutes(), "still open after the absolute limit");
        }
        OpenedSession pending = sessions.open(account.id(), SignInStage.SECOND_FACTOR, "10.0.0.2");
        clock.advance(WebSessions.IDLE_UNFINISHED.plusSeconds(1));
        assertTrue(sessions.find(pending.cookieValue()).isEmpty(), "an unfinished sign-in ends sooner");
        OpenedSession live = sessions.open(account.id(), SignInStage.SIGNED_IN, "10.0.0.2");
        accounts.disable("e.fox", Accounts.COMMAND_LINE);
        assertTrue(sessions.find(live.cookieValue()).isEmpty(), "disabling ends the sessions");
        assertTrue(accounts.checkPassword("e.fox", "a long enough password", "10.0.0.2").isEmpty());
    }

    @StoreTest
    void theThrottleLocksANameAfterItsLimitAndForgetsAfterTheWindow(StoreKind kind) {
        SignInThrottle throttle = new SignInThrottle(open(kind), clock);
        String name = SignInThrottle.accountSubject("J.Smith ");
        assertEquals("account:j.smith", name);
        String address = SignInThrottle.addressSubject("10.0.0.3");
        for (int i = 1; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
            assertTrue(throttle.recordFailure(name, address).isEmpty());
        }
        clock.advance(SignInThrottle.WINDOW);
        assertTrue(throttle.recordFailure(name, address).isEmpty(), "a new window starts the count again");
        for (int i = 2; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
            throttle.recordFailure(name, address);
        }
        assertEquals(clock.instant().plus(SignInThrottle.LOCKOUT), throttle.recordFailure(name, address)
                .orElseThrow());
        assertTrue(throttle.lockedUntil(List.of(name)).isPresent());
        assertTrue(throttle.lockedUntil(List.of(SignInThrottle.accountSubject("someone.else"))).isEmpty());
        clock.advance(SignInThrottle.LOCKOUT);
        assertTrue(throttle.lockedUntil(List.of(name, address)).isEmpty());
    }

    @StoreTest
    void theCleanupDeletesEndedSessionsAndElapsedCountersAndKeepsLiveOnes(StoreKind kind) {
        Database database = open(kind);
        Accounts accounts = accounts(database);
        WebSessions sessions = new WebSessions(database, clock, new SecureRandom());
        SignInThrottle throttle = new SignInThrottle(database, clock);
        Account account = accounts.add("g.hart", List.of(new Grant(Role.MANAGER, "ditton-junior")),
                "a long enough password", Accounts.COMMAND_LINE).account();
        OpenedSession idle = sessions.open(account.id(), SignInStage.SIGNED_IN, "10.0.0.4");
        OpenedSession unfinished = sessions.open(account.id(), SignInStage.SECOND_FACTOR, "10.0.0.4");
        String locked = SignInThrottle.accountSubject("locked.out");
        for (int i = 0; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
            throttle.recordFailure(locked, SignInThrottle.addressSubject("10.0.0.5"));
        }
        throttle.recordFailure(SignInThrottle.accountSubject("typo"), SignInThrottle.addressSubject("10.0.0.6"));
        clock.advance(WebSessions.IDLE_UNFINISHED.plusSeconds(1));
        OpenedSession live = sessions.open(account.id(), SignInStage.SIGNED_IN, "10.0.0.4");
        assertEquals(1, sessions.purgeEnded(), "only the unfinished sign-in has idled out so far");
        assertEquals(0, throttle.purgeElapsed(), "every window is still open");
        clock.advance(WebSessions.IDLE.minus(WebSessions.IDLE_UNFINISHED));
        assertTrue(sessions.find(live.cookieValue()).isPresent(), "a session in use stays");
        assertEquals(1, sessions.purgeEnded(), "the idle one goes");
        assertTrue(sessions.find(idle.cookieValue()).isEmpty() && sessions.find(unfinished.cookieValue()).isEmpty());
        assertTrue(sessions.find(live.cookieValue()).isPresent());
        // the lock (15 min) and the windows (15 min) have passed: all four counters (2 names, 2 addresses) go
        assertEquals(4, throttle.purgeElapsed());
        assertTrue(throttle.lockedUntil(List.of(locked)).isEmpty());
    }

    @StoreTest
    void theTotpSecretIsSealedInTheDatabaseAndAnOlderClearOneIsSealedAtItsFirstUse(StoreKind kind) {
        Database database = open(kind);
        Accounts accounts = accounts(database);
        Totp totp = new Totp(clock);
        Account sealed = accounts.add("h.page", List.of(new Grant(Role.DSL, "ditton-junior")), "a long enough password",
                Accounts.COMMAND_LINE).account();
        String secret = Totp.newSecret(new SecureRandom());
        assertTrue(accounts.enrolTotp(sealed, secret, code(secret, totp.currentStep())));
        String stored = storedSecret(database, sealed.id());
        assertTrue(stored.startsWith("s1:") && !stored.contains(secret), "sealed, not the secret: " + stored);
        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        assertTrue(accounts.acceptTotp(sealed, code(secret, totp.currentStep())));

        Account older = accounts.add("i.west", List.of(new Grant(Role.DSL, "ditton-junior")), "a long enough password",
                Accounts.COMMAND_LINE).account();
        String clear = Totp.newSecret(new SecureRandom());
        database.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE accounts SET totp_secret = ? WHERE id = ?")) {
                update.setString(1, clear);
                update.setString(2, older.id());
                return update.executeUpdate();
            }
        });
        assertTrue(accounts.acceptTotp(older, code(clear, totp.currentStep())), "a secret stored in the clear works");
        assertTrue(storedSecret(database, older.id()).startsWith("s1:"), "and is sealed from then on");
        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        Accounts otherKey = new Accounts(database, clock, new SecureRandom(), new AuditLog(database, clock), LIGHT,
                SecretsKey.of(new byte[32]));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> otherKey.acceptTotp(older, code(clear, totp.currentStep())));
        assertTrue(refused.getMessage().contains("pki/secrets.key"), refused.getMessage());
    }

    private static String storedSecret(Database database, String accountId) {
        return database.read(connection -> {
            try (var query = connection.prepareStatement("SELECT totp_secret FROM accounts WHERE id = ?")) {
                query.setString(1, accountId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }

    private static String code(String secret, long step) {
        return Totp.code(Base32.decode(secret), step);
    }
}
