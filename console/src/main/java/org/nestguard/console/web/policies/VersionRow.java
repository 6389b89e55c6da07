package org.nestguard.console.web.policies;

/** A row of a setting's policy history: the version, who stored it, when, why, and who approved it. */
public record VersionRow(int version, String author, String when, String reason, String approvedBy, boolean current) {
}
