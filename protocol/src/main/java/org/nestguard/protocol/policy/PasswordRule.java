package org.nestguard.protocol.policy;

import java.util.List;

/**
 * Accounts and passwords: every interactive account has a password, how often it changes, no guest or
 * automatic logon, and which generic account names count as shared (one login used by several people).
 */
public record PasswordRule(
        Boolean required,
        PasswordAge maxAge,
        Boolean guestAllowed,
        Boolean autoLogonAllowed,
        List<String> sharedAccountNames,
        List<Clause> clauses) {
    public PasswordRule {
        Fields.require("required", required, "true or false");
        Fields.require("guestAllowed", guestAllowed, "true or false");
        Fields.require("autoLogonAllowed", autoLogonAllowed, "true or false");
        Fields.require("maxAge", maxAge, "'none', 'term' or a period such as P1Y");
        sharedAccountNames = Fields.listOrEmpty(sharedAccountNames);
        clauses = Fields.requireClauses(clauses);
    }
}
