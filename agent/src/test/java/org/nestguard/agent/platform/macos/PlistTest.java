package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: plist-info-firefox.xml follows an app bundle's Contents/Info.plist as Xcode writes it (Apple's
 * PropertyList-1.0 DTD, tab indentation); plist-account-policy-crlf.xml follows the accountPolicyData keys named in
 * the research file §3(c) (osquery account_policy_data), saved with CRLF line ends and a non-ASCII key to prove those
 * survive; plist-binary-header.bin is the "bplist00" magic that binary plists start with. Written by hand, not captured.
 */
class PlistTest {

    @Test
    void readsNestedDictsArraysAndScalarsInFileOrder() throws ProbeException {
        Map<String, Object> info = Plist.parseDict(FakeCommandRunner.fixture("plist-info-firefox.xml"), "Info.plist");

        assertEquals("Firefox", Plist.string(info, "CFBundleName"));
        assertEquals("128.5.1", Plist.string(info, "CFBundleShortVersionString"));
        assertEquals(Boolean.FALSE, info.get("LSUIElement"));
        assertEquals(Boolean.TRUE, info.get("NSHighResolutionCapable"));
        assertEquals("CFBundleDevelopmentRegion", info.keySet().iterator().next());
        @SuppressWarnings("unchecked")
        Map<String, Object> docType = (Map<String, Object>) Plist.array(info, "CFBundleDocumentTypes").get(0);
        assertEquals(List.of("html", "htm"), docType.get("CFBundleTypeExtensions"));
    }

    @Test
    void readsRealsDatesDataAndBigIntegersWithCrlfLineEnds() throws ProbeException {
        Map<String, Object> policy = Plist.parseDict(FakeCommandRunner.fixture("plist-account-policy-crlf.xml"), "p");

        assertEquals(1714550400.5, (Double) policy.get("passwordLastSetTime"), 1e-9);
        assertEquals(0L, policy.get("failedLoginCount"));
        assertEquals(-1L, policy.get("negative"));
        assertEquals(new BigInteger("18446744073709551615"), policy.get("huge"));
        assertEquals(Instant.parse("2024-05-01T08:30:00Z"), policy.get("lastLoginDate"));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, (byte[]) policy.get("blob"));
        assertEquals("Données – Macintosh HD", policy.get("Nom localisé"));
    }

    @Test
    void flagAcceptsTheShapesManagedPreferencesUse() throws ProbeException {
        Map<String, Object> dict = Plist.parseDict("<plist><dict><key>a</key><integer>1</integer>"
                + "<key>b</key><false/><key>c</key><string>YES</string><key>d</key><string>maybe</string>"
                + "</dict></plist>", "inline");

        assertEquals(Boolean.TRUE, Plist.flag(dict, "a"));
        assertEquals(Boolean.FALSE, Plist.flag(dict, "b"));
        assertEquals(Boolean.TRUE, Plist.flag(dict, "c"));
        assertNull(Plist.flag(dict, "d"), "an unrecognised value must stay unknown");
        assertNull(Plist.flag(dict, "absent"));
    }

    @Test
    void binaryPlistIsRefusedWithAdviceToConvert() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> Plist.parse(FakeCommandRunner.fixture("plist-binary-header.bin"), "Info.plist"));
        assertTrue(e.getMessage().contains("plutil -convert xml1"), e.getMessage());
    }

    @Test
    void malformedPlistNamesWhatWasWrong() {
        ProbeException badReal = assertThrows(ProbeException.class,
                () -> Plist.parse("<plist><real>one</real></plist>", "x.plist"));
        assertTrue(badReal.getMessage().contains("<real> 'one'"), badReal.getMessage());

        ProbeException keyless = assertThrows(ProbeException.class,
                () -> Plist.parse("<plist><dict><string>v</string></dict></plist>", "x.plist"));
        assertTrue(keyless.getMessage().contains("expected <key>"), keyless.getMessage());

        assertThrows(ProbeException.class, () -> Plist.parse("<plist><dict>", "x.plist"));
        assertThrows(ProbeException.class, () -> Plist.parse("", "x.plist"));
    }

    @Test
    void doesNotExpandEntitiesOrFetchTheDoctype() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<plist><string>&x;</string></plist>";
        Object value;
        try {
            value = Plist.parse(xxe, "hostile");
        } catch (ProbeException e) {
            return; // refusing the document is fine too
        }
        assertTrue(!String.valueOf(value).contains("root:"), "external entity must not be read");
    }

    @Test
    void aPlistNestedDeeperThanAnyAppsIsRefusedNotAStackOverflow() {
        // an Info.plist in ~/Applications is its user's to write: 20,000 nested arrays once ended the agent's stack
        String deep = "<plist version=\"1.0\"><dict><key>k</key>" + "<array>".repeat(20_000)
                + "</array>".repeat(20_000) + "</dict></plist>";
        ProbeException parser = assertThrows(ProbeException.class, () -> Plist.parseDict(deep, "Evil.app Info.plist"));
        assertTrue(parser.getMessage().startsWith("Evil.app Info.plist is not a well-formed XML property list: "),
                parser.getMessage());
        // deeper than any real plist, within what the parser takes: refused while reading the values
        String nested = "<plist version=\"1.0\"><dict><key>k</key>" + "<array>".repeat(80)
                + "</array>".repeat(80) + "</dict></plist>";
        ProbeException values = assertThrows(ProbeException.class, () -> Plist.parseDict(nested, "Odd.app Info.plist"));
        assertEquals("Odd.app Info.plist: nested more than 64 levels deep, which no plist of macOS or an app is;"
                + " it is not read", values.getMessage());
    }
}
