package org.nestguard.agent.platform.linux;

/**
 * What a firewall rule set does to incoming traffic.
 *
 * @param filters       true when the input hook drops by policy or has a reachable drop/reject rule
 * @param description   policy and rule counts, for the evidence
 */
public record InputFiltering(boolean filters, String description) {
}
