package org.nestguard.protocol.policy;

import java.util.List;

/**
 * Portable media: used only with permission, scanned by antivirus before use, and (004) never used to take
 * documents with children's names or images out of the setting.
 */
public record RemovableMediaRule(Boolean permissionRequired, Boolean scanBeforeUse,
                                 Boolean childDataTransportForbidden, List<Clause> clauses) {
    public RemovableMediaRule {
        Fields.require("permissionRequired", permissionRequired, "true or false");
        Fields.require("scanBeforeUse", scanBeforeUse, "true or false");
        Fields.require("childDataTransportForbidden", childDataTransportForbidden, "true or false");
        clauses = Fields.requireClauses(clauses);
    }
}
