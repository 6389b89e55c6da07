package org.nestguard.console.retention;

/**
 * How long one class of data is kept in a setting and where that comes from.
 *
 * @param dataClass what the data is, as the purge log names it where it is purged
 * @param keptFor   the retention in force, in words ("90 days", "never purged")
 * @param source    where it comes from: the policy field and its clause, or the fixed rule and why
 */
public record RetentionRule(String dataClass, String keptFor, String source) {
}
