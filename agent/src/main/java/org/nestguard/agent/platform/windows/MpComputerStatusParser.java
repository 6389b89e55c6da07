package org.nestguard.agent.platform.windows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.ProbeException;

/**
 * Parses the list output of {@code Get-MpComputerStatus} ("Name : Value" lines, research F3). Dates are printed in
 * the current culture without a zone: the command is run with the en-US culture and the machine's zone is applied;
 * German dates are read too. Windows' zero date (12/31/1600 or 01/01/1601) means "never" and becomes null.
 */
public final class MpComputerStatusParser {
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss", Locale.ROOT),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private MpComputerStatusParser() {
    }

    /** The "Name : Value" pairs in order; continuation lines and blank lines are ignored. */
    public static Map<String, String> fields(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.isEmpty() || name.contains(" ") || name.startsWith("PS ")) {
                continue;
            }
            fields.putIfAbsent(name, line.substring(colon + 1).trim());
        }
        return fields;
    }

    /**
     * Whether AMRunningMode says Defender is in passive mode ("Passive Mode", "SxS Passive Mode"): another product
     * protects the machine and Defender neither scans on access nor remediates, whatever AntivirusEnabled and
     * RealTimeProtectionEnabled say, so it must not count as the protecting product.
     */
    static boolean passive(Object runningMode) {
        return runningMode != null && runningMode.toString().toLowerCase(Locale.ROOT).contains("passive");
    }

    /** Microsoft Defender Antivirus as Get-MpComputerStatus reports it; passive mode counts as switched off. */
    public static AntivirusProduct parse(String output, String command, ZoneId zone) throws ProbeException {
        Map<String, String> fields = fields(output);
        if (!fields.containsKey("AntivirusEnabled")) {
            throw new ProbeException("'" + command + "' printed no AntivirusEnabled line; got: "
                    + (fields.isEmpty() ? output.strip() : fields.keySet().toString()));
        }
        List<String> unreadable = new ArrayList<>();
        Boolean enabled = bool(fields, "AntivirusEnabled", unreadable);
        Boolean realTime = bool(fields, "RealTimeProtectionEnabled", unreadable);
        boolean passive = passive(fields.get("AMRunningMode"));
        if (passive) {
            enabled = false;
            realTime = false;
        }
        Instant updated = date(fields, "AntivirusSignatureLastUpdated", zone, unreadable);
        String version = fields.get("AntivirusSignatureVersion");
        if (version != null && (version.isEmpty() || version.equals("0.0.0.0"))) {
            version = null;
        }
        String source = command + " (AntivirusEnabled=" + fields.get("AntivirusEnabled")
                + ", RealTimeProtectionEnabled=" + fields.get("RealTimeProtectionEnabled")
                + ", AntivirusSignatureLastUpdated=" + fields.get("AntivirusSignatureLastUpdated")
                + ", AMRunningMode=" + fields.get("AMRunningMode")
                + (passive ? "; passive mode: another product protects, reported as off" : "")
                + (unreadable.isEmpty() ? "" : "; not understood: " + String.join(", ", unreadable)) + ")";
        return new AntivirusProduct("Microsoft Defender Antivirus", enabled, AntivirusProduct.RealTime.of(realTime),
                updated, null, version, source);
    }

    private static Boolean bool(Map<String, String> fields, String name, List<String> unreadable) {
        String value = fields.get(name);
        if ("True".equalsIgnoreCase(value)) {
            return true;
        }
        if ("False".equalsIgnoreCase(value)) {
            return false;
        }
        unreadable.add(name + "=" + value);
        return null;
    }

    private static Instant date(Map<String, String> fields, String name, ZoneId zone, List<String> unreadable) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                LocalDateTime local = LocalDateTime.parse(value, format);
                return local.getYear() <= 1601 ? null : local.atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next culture's format
            }
        }
        unreadable.add(name + "=" + value);
        return null;
    }
}
