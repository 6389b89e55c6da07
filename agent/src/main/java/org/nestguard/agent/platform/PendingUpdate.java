package org.nestguard.agent.platform;

import java.time.Instant;

/**
 * An update that is available but not installed.
 *
 * @param name           package, KB or product name
 * @param version        the version on offer, where known
 * @param security       true when the vendor marks it as a security update
 * @param availableSince when the vendor published it or the system first learnt of it; null when the OS does not say
 * @param source         where this was read
 */
public record PendingUpdate(String name, String version, boolean security, Instant availableSince, String source) {
}
