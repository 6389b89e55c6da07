package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: xprotect-info.plist is an XML Info.plist with the keys osquery's xprotect table reads (research
 * §3(d)); csrutil-status-*.txt follow csrutil's English-only output ("System Integrity Protection status: enabled.",
 * the "unknown (Custom Configuration)" form with its Configuration block); spctl-status-enabled.txt is spctl's
 * "assessments enabled". Hand-written from documentation; csrutil and spctl are not localized.
 */
class MacAntivirusProbeTest {
    @TempDir
    Path root;

    private List<AntivirusProduct> read(String csrutil) throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner().stdout("spctl --status", "spctl-status-enabled.txt");
        if (csrutil != null) {
            runner.stdout("csrutil status", csrutil);
        }
        return new MacAntivirusProbe(runner, new HostRoot(root)).products();
    }

    private void placeXprotect() throws Exception {
        FakeCommandRunner.place(root, MacAntivirusProbe.XPROTECT_PLIST, "xprotect-info.plist");
        Files.setLastModifiedTime(root.resolve(MacAntivirusProbe.XPROTECT_PLIST.substring(1)),
                FileTime.from(Instant.parse("2024-11-05T18:22:00Z")));
    }

    @Test
    void xprotectWithSipEnabledIsOnWithVersionAndDate() throws Exception {
        placeXprotect();
        AntivirusProduct xprotect = read("csrutil-status-enabled.txt").get(0);

        assertEquals("XProtect", xprotect.name());
        assertEquals(Boolean.TRUE, xprotect.enabled());
        assertEquals("5284", xprotect.signatureVersion());
        assertEquals(Instant.parse("2024-11-05T18:22:00Z"), xprotect.signaturesUpdated());
        assertTrue(xprotect.source().contains("assessments enabled"), xprotect.source());
    }

    @Test
    void sipDisabledMeansXprotectCannotBeTrusted() throws Exception {
        placeXprotect();
        assertEquals(Boolean.FALSE, read("csrutil-status-disabled.txt").get(0).enabled());
    }

    @Test
    void customSipConfigurationIsUnknown() throws Exception {
        placeXprotect();
        AntivirusProduct xprotect = read("csrutil-status-custom.txt").get(0);
        assertNull(xprotect.enabled());
        assertTrue(xprotect.source().contains("Custom Configuration"), xprotect.source());
    }

    @Test
    void missingBundleLeavesVersionAndDateUnknown() throws Exception {
        AntivirusProduct xprotect = read("csrutil-status-enabled.txt").get(0);
        assertNull(xprotect.signatureVersion());
        assertNull(xprotect.signaturesUpdated());
        assertThrows(ProbeException.class, () -> read(null), "no bundle and no csrutil: nothing to report");
    }

    @Test
    void thirdPartyProductIsListedByBundleWithStateUnknown() throws Exception {
        placeXprotect();
        Files.createDirectories(root.resolve("Applications/Sophos/Sophos Endpoint.app"));
        List<AntivirusProduct> products = read("csrutil-status-enabled.txt");
        assertEquals(2, products.size());
        assertEquals("Sophos", products.get(1).name());
        assertNull(products.get(1).enabled());
    }
}
