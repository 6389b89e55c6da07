package org.nestguard.agent.platform;

/**
 * One firewall, or one profile of it.
 *
 * @param name    the firewall product, followed by the profile in brackets where it has several that must all be
 *                on: "Windows Firewall (Public profile)"; separate products are alternatives: "nftables", "ufw"
 * @param enabled whether it filters incoming traffic; null when not readable
 * @param detail  what was read (default policy, rule count, stealth mode), for the evidence
 * @param source  where this was read
 */
public record FirewallState(String name, Boolean enabled, String detail, String source) {
}
