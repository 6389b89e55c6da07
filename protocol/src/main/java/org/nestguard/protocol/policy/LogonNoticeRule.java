package org.nestguard.protocol.policy;

import java.util.List;

/** A notice at logon telling users their use is monitored, with the setting's own text. */
public record LogonNoticeRule(String title, String text, List<Clause> clauses) {
    public LogonNoticeRule {
        text = Fields.requireText("text", text);
        clauses = Fields.requireClauses(clauses);
    }
}
