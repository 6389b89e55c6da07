package org.nestguard.protocol.policy;

import java.util.List;

/**
 * Installed applications must be on the approved list. Entries are names, matched ignoring case, where
 * {@code *} stands for any run of characters ({@code "Scratch*"}). Applications that come with the operating
 * system are approved when {@code approveOsComponents} is true.
 */
public record SoftwareRule(List<String> approved, Boolean approveOsComponents, List<Clause> clauses) {
    public SoftwareRule {
        approved = Fields.listOrEmpty(approved);
        for (int i = 0; i < approved.size(); i++) {
            Fields.requireText("approved[" + i + "]", approved.get(i));
        }
        Fields.require("approveOsComponents", approveOsComponents, "true or false");
        clauses = Fields.requireClauses(clauses);
    }

    /** The approved entry that covers this application name, or null. */
    public String approvedEntryFor(String applicationName) {
        for (String entry : approved) {
            if (NamePattern.matches(entry, applicationName)) {
                return entry;
            }
        }
        return null;
    }
}
