package org.nestguard.agent.platform.linux;

/**
 * What a firewall rule set does to incoming traffic.
 *
 * @param filters       true when a packet no rule allows is dropped or rejected on the input hook, by the default
 *                      policy or by an unconditional drop/reject it reaches; a conditional drop alone does not count
 * @param description   policy, rule counts and the verdict for unmatched packets, for the evidence
 */
public record InputFiltering(boolean filters, String description) {
}
