package org.nestguard.protocol.policy;

import java.util.List;

/**
 * The people the policy names in each safeguarding role. A name may appear in several roles (a headteacher
 * who is also the DSL); routing uses this to send a flag about a staff member to someone else.
 */
public record Roles(List<String> dsl, List<String> deputyDsl, List<String> manager, List<String> headteacher,
                    List<String> designatedPerson) {
    public Roles {
        dsl = Fields.listOrEmpty(dsl);
        deputyDsl = Fields.listOrEmpty(deputyDsl);
        manager = Fields.listOrEmpty(manager);
        headteacher = Fields.listOrEmpty(headteacher);
        designatedPerson = Fields.listOrEmpty(designatedPerson);
    }
}
