package org.nestguard.agent.platform.windows;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nestguard.agent.platform.AntivirusProbe;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;

/**
 * Antivirus products registered with Windows Security Center ({@code root\SecurityCenter2 AntiVirusProduct}),
 * with Microsoft Defender's own details ({@code MSFT_MpComputerStatus}) merged into its entry. Windows Server has
 * no Security Center: there only Defender is reported. If the Defender WMI class fails, Get-MpComputerStatus is run.
 */
public final class WindowsAntivirusProbe implements AntivirusProbe {
    static final String SECURITY_CENTER = "root\\SecurityCenter2";
    static final String DEFENDER = "root\\Microsoft\\Windows\\Defender";
    static final List<String> PRODUCT_PROPERTIES = List.of("displayName", "productState", "timestamp");
    static final List<String> DEFENDER_PROPERTIES = List.of("AMServiceEnabled", "AntivirusEnabled",
            "RealTimeProtectionEnabled", "AntivirusSignatureLastUpdated", "AntivirusSignatureVersion", "AMRunningMode");
    // en-US culture so that dates come out as M/d/yyyy h:mm:ss AM/PM whatever the user's region.
    static final String MP_STATUS_SCRIPT = "[System.Threading.Thread]::CurrentThread.CurrentCulture = 'en-US'; "
            + "Get-MpComputerStatus | Format-List AntivirusEnabled,RealTimeProtectionEnabled,"
            + "AntivirusSignatureLastUpdated,AntivirusSignatureVersion,AMRunningMode";

    private final WmiReader wmi;
    private final CommandRunner runner;
    private final ZoneId zone;

    public WindowsAntivirusProbe(WmiReader wmi, CommandRunner runner, ZoneId zone) {
        this.wmi = wmi;
        this.runner = runner;
        this.zone = zone;
    }

    @Override
    public List<AntivirusProduct> products() throws ProbeException {
        List<Map<String, Object>> registered = null;
        String securityCenterNote = null;
        try {
            registered = wmi.query(SECURITY_CENTER, "AntiVirusProduct", PRODUCT_PROPERTIES);
        } catch (WmiQueryException e) {
            if (e.failure() != WmiQueryException.Failure.INVALID_NAMESPACE) {
                throw new ProbeException("could not read Windows Security Center (" + SECURITY_CENTER
                        + " AntiVirusProduct): " + e.getMessage(), e);
            }
            securityCenterNote = "no Security Center on this edition (Windows Server?): " + e.getMessage();
        }

        AntivirusProduct defender = defender();
        List<AntivirusProduct> products = new ArrayList<>();
        boolean defenderMerged = false;
        if (registered != null) {
            for (Map<String, Object> row : registered) {
                AntivirusProduct product = fromSecurityCenter(row);
                if (defender != null && isDefender(product.name())) {
                    product = merge(product, defender);
                    defenderMerged = true;
                }
                products.add(product);
            }
        }
        if (defender != null && !defenderMerged && (registered == null || Boolean.TRUE.equals(defender.enabled()))) {
            // Server (no Security Center), or Defender active but not registered there.
            products.add(securityCenterNote == null ? defender : new AntivirusProduct(defender.name(),
                    defender.enabled(), defender.realTime(), defender.signaturesUpdated(), defender.signaturesCurrent(),
                    defender.signatureVersion(), defender.source() + "; " + securityCenterNote));
        }
        if (registered == null && defender == null) {
            throw new ProbeException("no antivirus source answered: " + securityCenterNote
                    + "; Microsoft Defender status not readable either");
        }
        return products;
    }

    private static boolean isDefender(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).contains("defender");
    }

    private static AntivirusProduct fromSecurityCenter(Map<String, Object> row) {
        String name = row.get("displayName") == null ? "(unnamed product)" : row.get("displayName").toString();
        Object raw = row.get("productState");
        String source = "WMI " + SECURITY_CENTER + " AntiVirusProduct \"" + name + "\" ";
        Boolean enabled = null;
        Boolean current = null;
        if (raw instanceof Number n) {
            ProductState state = ProductState.decode(n.longValue());
            enabled = state.enabled();
            current = state.signaturesCurrent();
            source += state.describe();
        } else {
            source += "productState not reported";
        }
        if (row.get("timestamp") != null) {
            source += ", state changed " + row.get("timestamp");
        }
        // Security Center's "on" for an antivirus product is its real-time scanner being on; it gives no signature
        // date, only whether signatures are current.
        return new AntivirusProduct(name, enabled, AntivirusProduct.RealTime.of(enabled), null, current, null, source);
    }

    /** Security Center's on/off and up-to-date verdict stays; Defender adds real-time, date and version. */
    private static AntivirusProduct merge(AntivirusProduct registered, AntivirusProduct defender) {
        Boolean enabled = registered.enabled() != null ? registered.enabled() : defender.enabled();
        return new AntivirusProduct(registered.name(), enabled, defender.realTime(),
                defender.signaturesUpdated(), registered.signaturesCurrent(), defender.signatureVersion(),
                registered.source() + "; " + defender.source());
    }

    /** Defender's own status, or null when neither WMI nor Get-MpComputerStatus could read it. */
    private AntivirusProduct defender() {
        try {
            List<Map<String, Object>> rows = wmi.query(DEFENDER, "MSFT_MpComputerStatus", DEFENDER_PROPERTIES);
            if (rows.isEmpty()) {
                return null;
            }
            return fromDefenderWmi(rows.get(0));
        } catch (WmiQueryException e) {
            // 0x800106ba and INVALID_CLASS when another product owns protection; the cmdlet may still answer.
            try {
                CommandResult result = runner.run(List.of("powershell.exe", "-NoProfile", "-NonInteractive",
                        "-Command", MP_STATUS_SCRIPT), Duration.ofSeconds(60));
                if (!result.succeeded()) {
                    return null;
                }
                AntivirusProduct parsed = MpComputerStatusParser.parse(result.stdout(), "Get-MpComputerStatus", zone);
                return new AntivirusProduct(parsed.name(), parsed.enabled(), parsed.realTime(),
                        parsed.signaturesUpdated(), parsed.signaturesCurrent(), parsed.signatureVersion(),
                        parsed.source() + " [WMI MSFT_MpComputerStatus failed: " + e.getMessage() + "]");
            } catch (ProbeException notReadable) {
                return null;
            }
        }
    }

    private static AntivirusProduct fromDefenderWmi(Map<String, Object> row) {
        boolean passive = MpComputerStatusParser.passive(row.get("AMRunningMode"));
        Boolean enabled = passive ? Boolean.FALSE : row.get("AntivirusEnabled") instanceof Boolean b ? b : null;
        Boolean realTime = passive ? Boolean.FALSE
                : row.get("RealTimeProtectionEnabled") instanceof Boolean b ? b : null;
        Object updated = row.get("AntivirusSignatureLastUpdated");
        Object version = row.get("AntivirusSignatureVersion");
        String source = "WMI " + DEFENDER + " MSFT_MpComputerStatus (AntivirusEnabled=" + row.get("AntivirusEnabled")
                + ", RealTimeProtectionEnabled=" + row.get("RealTimeProtectionEnabled")
                + ", AntivirusSignatureLastUpdated=" + updated + ", AMRunningMode=" + row.get("AMRunningMode")
                + (passive ? "; passive mode: another product protects, reported as off" : "") + ")";
        return new AntivirusProduct("Microsoft Defender Antivirus", enabled, AntivirusProduct.RealTime.of(realTime),
                updated == null ? null : WmiDateTime.parse(updated.toString()), null,
                version == null || "0.0.0.0".equals(version.toString()) ? null : version.toString(), source);
    }
}
