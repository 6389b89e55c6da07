package org.nestguard.protocol.policy;

import java.util.List;

/**
 * The setting's web filtering as its policy describes it: the provider, the categories it blocks, whether it
 * blocks the IWF list, and the search tools children use.
 */
public record FilteringRule(String provider, List<String> blockedCategories, Boolean iwfList,
                            List<String> searchTools, List<Clause> clauses) {
    public FilteringRule {
        blockedCategories = Fields.listOrEmpty(blockedCategories);
        searchTools = Fields.listOrEmpty(searchTools);
        Fields.require("iwfList", iwfList, "true or false");
        clauses = Fields.requireClauses(clauses);
    }
}
