package org.nestguard.console.web;

/** What a flag page's forms were sent with, so a refused form comes back filled in with the error above it. */
public record FlagDecisionForm(String state, String reason, String escalateReason, String caseChoice, String title,
                               String error) {
    static final FlagDecisionForm EMPTY = new FlagDecisionForm(null, null, null, null, null, null);

    FlagDecisionForm(String state, String reason, String escalateReason, String caseChoice, String title) {
        this(state, reason, escalateReason, caseChoice, title, null);
    }

    FlagDecisionForm withError(String message) {
        return new FlagDecisionForm(state, reason, escalateReason, caseChoice, title, message);
    }

    /** The text of a field for the page: "" for none. */
    public String text(String value) {
        return value == null ? "" : value;
    }

    /** Whether this case was the one chosen in the escalation form. */
    public boolean chose(String caseId) {
        return caseId.equals(caseChoice);
    }
}
