package org.nestguard.agent.platform;

/**
 * One firewall, or one profile of it.
 *
 * @param name    for example "Windows Firewall (Public profile)", "nftables", "ufw", "Application Firewall"
 * @param enabled whether it filters incoming traffic; null when not readable
 * @param detail  what was read (default policy, rule count, stealth mode), for the evidence
 * @param source  where this was read
 */
public record FirewallState(String name, Boolean enabled, String detail, String source) {
}
