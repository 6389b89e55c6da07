package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;

/**
 * The NetUserReader is mocked with records as NetUserEnum level 3 fills them on a German Windows 11 (group names
 * localized, flag values from lmaccess.h); the Winlogon fixtures are {@code reg export} format stored as UTF-8.
 */
class WindowsAccountProbeTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-";

    private final NetUserReader reader = mock(NetUserReader.class);

    private static List<NetUser> germanMachine(int guestFlags) {
        return List.of(
                new NetUser("Administrator", SID + "500", 500, 86_400L * 400, 2, 0x10203, null, null,
                        Set.of("Administratoren")),
                new NetUser("Gast", SID + "501", 501, 0, 0, guestFlags, null, null, Set.of("Gäste")),
                new NetUser("DefaultAccount", SID + "503", 503, 0, 0, 0x10223, null, null, Set.of("System Managed Accounts Group")),
                new NetUser("WDAGUtilityAccount", SID + "504", 504, 86_400L * 30, 0, 0x211, null, null, Set.of()),
                new NetUser("mrs.patel", SID + "1001", 1001, 86_400L * 45, 2, 0x201,
                        Instant.parse("2025-02-28T08:12:00Z"), null, Set.of("Administratoren", "Benutzer")),
                new NetUser("classroom", SID + "1002", 1002, 86_400L * 2, 1, 0x10221, null, null, Set.of("Benutzer")));
    }

    private Map<String, LocalAccount> accounts(int guestFlags) throws ProbeException {
        when(reader.users()).thenReturn(germanMachine(guestFlags));
        when(reader.administratorsGroupName()).thenReturn("Administratoren");
        return new WindowsAccountProbe(reader, RegFileRegistry.load(), CLOCK).accounts().stream()
                .collect(Collectors.toMap(LocalAccount::name, Function.identity()));
    }

    @Test
    void passwordAgeBecomesLastSetAndLocalizedAdministratorsGroupMakesAnAdmin() throws ProbeException {
        LocalAccount patel = accounts(0x223).get("mrs.patel");

        assertEquals(NOW.minusSeconds(86_400L * 45), patel.passwordLastSet());
        assertEquals(Instant.parse("2025-02-28T08:12:00Z"), patel.lastLogon());
        assertTrue(patel.administrator());
        assertTrue(patel.interactive());
        assertFalse(patel.disabled());
        assertEquals(PasswordState.SET, patel.password());
        assertEquals(SID + "1001", patel.id());
        assertTrue(patel.source().contains("Administratoren"), patel.source());
    }

    @Test
    void passwordNotRequiredIsUnknownNeverSetOrEmpty() throws ProbeException {
        LocalAccount classroom = accounts(0x223).get("classroom");

        assertEquals(PasswordState.UNKNOWN, classroom.password());
        assertFalse(classroom.administrator());
        assertTrue(classroom.source().contains("PASSWD_NOTREQD"), classroom.source());
    }

    @Test
    void systemManagedAccountsAreNotInteractiveAndDisabledOnesAreMarked() throws ProbeException {
        Map<String, LocalAccount> accounts = accounts(0x223);

        assertFalse(accounts.get("DefaultAccount").interactive());
        assertFalse(accounts.get("WDAGUtilityAccount").interactive());
        assertTrue(accounts.get("Administrator").disabled());
        assertNull(accounts.get("Administrator").lastLogon());
    }

    @Test
    void temporaryLockoutIsNotDisabledButAnExpiredAccountIs() throws ProbeException {
        when(reader.administratorsGroupName()).thenReturn("Administratoren");
        when(reader.users()).thenReturn(List.of(
                // UF_LOCKOUT | UF_NORMAL_ACCOUNT | UF_SCRIPT: locked out after wrong passwords, clears by itself
                new NetUser("year6", SID + "1003", 1003, 86_400L, 1, 0x211, null, null, Set.of("Benutzer")),
                new NetUser("supply.teacher", SID + "1004", 1004, 86_400L, 1, 0x201, null,
                        NOW.minusSeconds(3_600), Set.of("Benutzer")),
                new NetUser("governor", SID + "1005", 1005, 86_400L, 1, 0x201, null,
                        NOW.plusSeconds(86_400L * 30), Set.of("Benutzer"))));
        Map<String, LocalAccount> accounts = new WindowsAccountProbe(reader, RegFileRegistry.load(), CLOCK).accounts()
                .stream().collect(Collectors.toMap(LocalAccount::name, Function.identity()));

        assertFalse(accounts.get("year6").disabled(), "a lockout is temporary, not an administrative disable");
        assertTrue(accounts.get("year6").source().contains("LOCKOUT"), accounts.get("year6").source());
        assertTrue(accounts.get("supply.teacher").disabled(), "an expired account cannot log on");
        assertTrue(accounts.get("supply.teacher").source().contains("account expired"),
                accounts.get("supply.teacher").source());
        assertFalse(accounts.get("governor").disabled(), "expiry still in the future");
    }

    @Test
    void timeqForeverMeansTheAccountNeverExpires() {
        assertNull(Netapi32NetUserReader.accountExpires(0xFFFFFFFFL));
        assertEquals(Instant.parse("2025-07-18T23:00:00Z"), Netapi32NetUserReader.accountExpires(1_752_879_600L));
    }

    @Test
    void onePeopleRuleForAccountsAndProfiles() {
        assertFalse(PersonAccounts.isPersonRid(503));
        assertFalse(PersonAccounts.isPersonSid(SID + "504"));
        assertTrue(PersonAccounts.isPersonSid(SID + "1001"));
        assertTrue(PersonAccounts.isPersonSid(SID + "500"));
        assertFalse(PersonAccounts.isPersonSid("S-1-5-18"));
        // an Entra ID (Azure AD) user, as on Intune-managed school laptops
        assertTrue(PersonAccounts.isPersonSid("S-1-12-1-3057276437-1140474531-3004263557-1859582137"));
        assertFalse(PersonAccounts.isPersonSid("S-1-12-1-not-a-user"));
    }

    @Test
    void guestIsEnabledOnlyWhenRid501IsNotDisabled() throws ProbeException {
        when(reader.users()).thenReturn(germanMachine(0x221));
        LogonSettings enabled = new WindowsAccountProbe(reader, RegFileRegistry.load(), CLOCK).logonSettings();
        assertEquals(Boolean.TRUE, enabled.guestEnabled());
        assertTrue(enabled.source().contains("\"Gast\""), enabled.source());

        when(reader.users()).thenReturn(germanMachine(0x223));
        assertEquals(Boolean.FALSE,
                new WindowsAccountProbe(reader, RegFileRegistry.load(), CLOCK).logonSettings().guestEnabled());
    }

    @Test
    void autoLogonIsReportedWithItsUserButNeverThePassword() throws ProbeException {
        when(reader.users()).thenReturn(germanMachine(0x223));
        LogonSettings settings = new WindowsAccountProbe(reader,
                RegFileRegistry.load("reg-export-winlogon-autologon.reg"), CLOCK).logonSettings();

        assertEquals(Boolean.TRUE, settings.autoLogonEnabled());
        assertEquals("classroom", settings.autoLogonUser());
        assertTrue(settings.source().contains("DefaultPassword present"), settings.source());
        assertFalse(settings.source().contains("Reception2024"), "the stored password must never reach evidence");
    }

    @Test
    void autoLogonOffByDefault() throws ProbeException {
        when(reader.users()).thenReturn(germanMachine(0x223));
        LogonSettings settings = new WindowsAccountProbe(reader,
                RegFileRegistry.load("reg-export-winlogon-default.reg"), CLOCK).logonSettings();

        assertEquals(Boolean.FALSE, settings.autoLogonEnabled());
        assertNull(settings.autoLogonUser());
    }

    @Test
    void unreadableSamLeavesGuestUnknown() throws ProbeException {
        when(reader.users()).thenThrow(new ProbeException("NetUserEnum level 3 failed with error 5"));
        LogonSettings settings = new WindowsAccountProbe(reader,
                RegFileRegistry.load("reg-export-winlogon-default.reg"), CLOCK).logonSettings();

        assertNull(settings.guestEnabled());
        assertEquals(Boolean.FALSE, settings.autoLogonEnabled());
        assertTrue(settings.source().contains("error 5"), settings.source());
    }
}
