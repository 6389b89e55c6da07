package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;

/**
 * productState values follow research F16 (266256 = 0x041010 on/out of date) and its cited list (397568 = Defender
 * on/up to date; 393472 = Defender off). get-mpcomputerstatus-en-us.txt is research F3 (official example, a subset of
 * its lines, CRLF); -disabled uses the 4294967295 / 0.0.0.0 values F3 mentions; -de-de shows a German-culture date.
 * WMI JSON fixtures: format in {@link Fixtures}.
 */
class WindowsAntivirusProbeTest {
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private final WmiReader wmi = mock(WmiReader.class);
    private final CommandRunner runner = mock(CommandRunner.class);
    private final WindowsAntivirusProbe probe = new WindowsAntivirusProbe(wmi, runner, PACIFIC);

    @Test
    void productStateDecodesOnOffAndSignatureFreshness() {
        assertEquals(Boolean.TRUE, ProductState.decode(266240).enabled());
        assertEquals(Boolean.TRUE, ProductState.decode(266240).signaturesCurrent());
        assertEquals(Boolean.FALSE, ProductState.decode(266256).signaturesCurrent());
        assertEquals(Boolean.FALSE, ProductState.decode(393472).enabled());
        assertEquals("snoozed", ProductState.decode(0x042000).scanner());
        assertEquals(Boolean.FALSE, ProductState.decode(0x042000).enabled());
        assertNull(ProductState.decode(0x049000).enabled(), "an unknown scanner state is not a guess");
    }

    @Test
    void defenderFromSecurityCenterGetsItsSignatureDetailsFromMpComputerStatus() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), eq("AntiVirusProduct"), any()))
                .thenReturn(Fixtures.wmiRows("wmi-antivirusproduct-defender-on.json"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), eq("MSFT_MpComputerStatus"), any()))
                .thenReturn(Fixtures.wmiRows("wmi-msft-mpcomputerstatus-enabled.json"));

        List<AntivirusProduct> products = probe.products();

        assertEquals(1, products.size());
        AntivirusProduct defender = products.get(0);
        assertEquals("Windows Defender", defender.name());
        assertEquals(Boolean.TRUE, defender.enabled());
        assertEquals(AntivirusProduct.RealTime.ON, defender.realTime());
        assertEquals(Instant.parse("2025-02-24T07:41:12Z"), defender.signaturesUpdated());
        assertEquals("1.425.99.0", defender.signatureVersion());
        assertTrue(defender.source().contains("productState 397568"), defender.source());
    }

    @Test
    void thirdPartyProductIsReportedWithDefenderOffBesideIt() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), eq("AntiVirusProduct"), any()))
                .thenReturn(Fixtures.wmiRows("wmi-antivirusproduct-sophos-outofdate-defender-off.json"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), eq("MSFT_MpComputerStatus"), any()))
                .thenThrow(new WmiQueryException(WmiQueryException.Failure.OTHER, "0x800106ba"));
        when(runner.run(any(), any(Duration.class))).thenReturn(new CommandResult(List.of("powershell.exe"), 1, "",
                "Get-MpComputerStatus : The service is not running"));

        List<AntivirusProduct> products = probe.products();

        assertEquals(2, products.size());
        assertEquals(Boolean.FALSE, products.get(0).enabled());
        AntivirusProduct sophos = products.get(1);
        assertEquals("Sophos Anti-Virus", sophos.name());
        assertEquals(Boolean.TRUE, sophos.enabled());
        assertNull(sophos.signaturesUpdated(), "Security Center gives no date");
        assertEquals(AntivirusProduct.RealTime.ON, sophos.realTime());
        assertEquals(Boolean.FALSE, sophos.signaturesCurrent());
        assertTrue(sophos.source().contains("out of date"), sophos.source());
    }

    @Test
    void thirdPartyProductOnAndUpToDateWithDefenderPassive() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), eq("AntiVirusProduct"), any()))
                .thenReturn(Fixtures.wmiRows("wmi-antivirusproduct-sophos-uptodate-defender-off.json"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), eq("MSFT_MpComputerStatus"), any()))
                .thenReturn(Fixtures.wmiRows("wmi-msft-mpcomputerstatus-passive.json"));

        List<AntivirusProduct> products = probe.products();

        assertEquals(2, products.size());
        AntivirusProduct defender = products.get(0);
        assertEquals(Boolean.FALSE, defender.enabled());
        assertEquals(AntivirusProduct.RealTime.OFF, defender.realTime(),
                "passive Defender does not scan on access though RealTimeProtectionEnabled says True");
        assertTrue(defender.source().contains("passive mode"), defender.source());
        AntivirusProduct sophos = products.get(1);
        assertEquals(Boolean.TRUE, sophos.enabled());
        assertEquals(AntivirusProduct.RealTime.ON, sophos.realTime());
        assertEquals(Boolean.TRUE, sophos.signaturesCurrent());
        assertNull(sophos.signaturesUpdated());
    }

    @Test
    void passiveDefenderWithoutSecurityCenterIsNotReportedAsProtecting() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.INVALID_NAMESPACE, "WMI namespace root\\SecurityCenter2 does not exist"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), any(), any()))
                .thenReturn(Fixtures.wmiRows("wmi-msft-mpcomputerstatus-passive.json"));

        AntivirusProduct defender = probe.products().get(0);

        assertEquals(Boolean.FALSE, defender.enabled());
        assertEquals(AntivirusProduct.RealTime.OFF, defender.realTime());
    }

    @Test
    void windowsServerWithoutSecurityCenterReportsDefenderAlone() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.INVALID_NAMESPACE, "WMI namespace root\\SecurityCenter2 does not exist"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), any(), any()))
                .thenReturn(Fixtures.wmiRows("wmi-msft-mpcomputerstatus-enabled.json"));

        List<AntivirusProduct> products = probe.products();

        assertEquals(1, products.size());
        assertEquals("Microsoft Defender Antivirus", products.get(0).name());
        assertEquals(Boolean.TRUE, products.get(0).enabled());
        assertTrue(products.get(0).source().contains("no Security Center"), products.get(0).source());
    }

    @Test
    void nothingReadableIsAProbeException() throws Exception {
        when(wmi.query(any(), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.INVALID_NAMESPACE, "no such namespace"));
        when(runner.run(any(), any(Duration.class))).thenThrow(new ProbeException("could not run 'powershell.exe'"));

        assertThrows(ProbeException.class, probe::products);
    }

    @Test
    void getMpComputerStatusFallbackParsesUsDatesInTheMachineZone() throws Exception {
        when(wmi.query(eq("root\\SecurityCenter2"), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.INVALID_NAMESPACE, "no Security Center"));
        when(wmi.query(eq("root\\Microsoft\\Windows\\Defender"), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.ACCESS_DENIED, "access denied"));
        when(runner.run(any(), any(Duration.class))).thenReturn(new CommandResult(List.of("powershell.exe"), 0,
                Fixtures.text("get-mpcomputerstatus-en-us.txt"), ""));

        AntivirusProduct defender = probe.products().get(0);

        assertEquals(Boolean.TRUE, defender.enabled());
        assertEquals(AntivirusProduct.RealTime.ON, defender.realTime());
        // 6/4/2024 8:06:27 AM Pacific daylight time
        assertEquals(Instant.parse("2024-06-04T15:06:27Z"), defender.signaturesUpdated());
        assertEquals("1.413.102.0", defender.signatureVersion());
        assertTrue(defender.source().contains("Get-MpComputerStatus"), defender.source());
    }

    @Test
    void disabledDefenderHasNoSignatureDateOrVersion() throws ProbeException {
        AntivirusProduct defender = MpComputerStatusParser.parse(Fixtures.text("get-mpcomputerstatus-disabled.txt"),
                "Get-MpComputerStatus", PACIFIC);

        assertEquals(Boolean.FALSE, defender.enabled());
        assertEquals(AntivirusProduct.RealTime.OFF, defender.realTime());
        assertNull(defender.signaturesUpdated());
        assertNull(defender.signatureVersion());
    }

    @Test
    void germanCultureDateAndZeroDateAreHandled() throws ProbeException {
        AntivirusProduct defender = MpComputerStatusParser.parse(Fixtures.text("get-mpcomputerstatus-de-de.txt"),
                "Get-MpComputerStatus", ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2024-06-04T06:06:27Z"), defender.signaturesUpdated());
        assertNull(WmiDateTime.parse("16001231160000.000000-480"), "Windows' zero date means never");
    }
}
