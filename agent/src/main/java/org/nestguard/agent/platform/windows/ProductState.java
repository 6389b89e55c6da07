package org.nestguard.agent.platform.windows;

/**
 * Decodes the undocumented {@code productState} of Security Center's {@code AntiVirusProduct}: bits 12-15 say
 * on (1), off (0), snoozed (2) or expired (3); bits 4-7 say signatures up to date (0) or out of date (1).
 * Examples (research F16): 266240 = 0x041000 on and up to date, 266256 = 0x041010 on but out of date.
 *
 * @param raw               the value as read
 * @param scanner           "on", "off", "snoozed", "expired" or "unrecognised (0xN)"
 * @param enabled           true only when the scanner state is on; null when the state is unrecognised
 * @param signaturesCurrent true when the definitions are reported up to date; null when unrecognised
 */
public record ProductState(long raw, String scanner, Boolean enabled, Boolean signaturesCurrent) {

    public static ProductState decode(long raw) {
        int scanner = (int) ((raw >> 12) & 0xF);
        int signatures = (int) ((raw >> 4) & 0xF);
        String name = switch (scanner) {
            case 0 -> "off";
            case 1 -> "on";
            case 2 -> "snoozed";
            case 3 -> "expired";
            default -> "unrecognised (0x" + Integer.toHexString(scanner) + ")";
        };
        Boolean enabled = scanner <= 3 ? Boolean.valueOf(scanner == 1) : null;
        Boolean current = signatures == 0 ? Boolean.TRUE : signatures == 1 ? Boolean.FALSE : null;
        return new ProductState(raw, name, enabled, current);
    }

    /** For evidence: "productState 266240 (0x41000: on, signatures up to date)". */
    public String describe() {
        return "productState " + raw + " (0x" + Long.toHexString(raw) + ": " + scanner + ", signatures "
                + (signaturesCurrent == null ? "state unrecognised" : signaturesCurrent ? "up to date" : "out of date")
                + ")";
    }
}
