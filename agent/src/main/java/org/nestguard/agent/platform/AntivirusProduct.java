package org.nestguard.agent.platform;

import java.time.Instant;

/**
 * One antivirus product.
 *
 * @param name              product name (Microsoft Defender Antivirus, XProtect, ClamAV)
 * @param enabled           whether it is switched on; null when not readable
 * @param realTime          whether it scans files as they are opened or written
 * @param signaturesUpdated when its signatures were last updated; null when not readable
 * @param signaturesCurrent the product's or OS's own verdict that signatures are up to date (Windows Security
 *                          Center reports this for third-party products that give no date); null when not reported
 * @param signatureVersion  the signature or definitions version where known
 * @param source            where this was read, for the evidence
 */
public record AntivirusProduct(
        String name,
        Boolean enabled,
        RealTime realTime,
        Instant signaturesUpdated,
        Boolean signaturesCurrent,
        String signatureVersion,
        String source) {

    public AntivirusProduct {
        realTime = realTime == null ? RealTime.UNREADABLE : realTime;
    }

    /** On-access scanning. */
    public enum RealTime {
        /** Files are scanned as they are opened or written. */
        ON,
        /** The product has on-access scanning and it is switched off. */
        OFF,
        /** The product scans on demand or on a schedule only, as ClamAV does without clamonacc. */
        ON_DEMAND_ONLY,
        /** Whether it scans on access could not be read. */
        UNREADABLE;

        /** For sources that report on-access scanning as a yes/no value that may be missing. */
        public static RealTime of(Boolean on) {
            return on == null ? UNREADABLE : on ? ON : OFF;
        }
    }
}
