package org.nestguard.agent.platform;

import java.time.Instant;

/**
 * One antivirus product.
 *
 * @param name               product name (Microsoft Defender Antivirus, XProtect, ClamAV)
 * @param enabled            whether it is switched on; null when not readable
 * @param realTimeProtection whether it scans on access; null when the product has no such notion or it is not readable
 * @param signaturesUpdated  when its signatures were last updated; null when not readable
 * @param signatureVersion   the signature or definitions version where known
 * @param source             where this was read, for the evidence
 */
public record AntivirusProduct(
        String name,
        Boolean enabled,
        Boolean realTimeProtection,
        Instant signaturesUpdated,
        String signatureVersion,
        String source) {
}
