package org.nestguard.console.peopleapi;

import java.util.HashMap;
import java.util.Map;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/** The current policy of each setting, parsed once per request that needs several (null where there is none). */
public final class SettingPolicies {
    private final Settings settings;
    private final Map<String, Policy> parsed = new HashMap<>();

    public SettingPolicies(Settings settings) {
        this.settings = settings;
    }

    /** The setting's current policy, or null when it has none that parses. */
    public Policy current(String settingId) {
        return parsed.computeIfAbsent(settingId, id -> settings.currentPolicy(id).map(stored -> {
            try {
                return new PolicyLoader().parse(id + " policy v" + stored.version(), stored.yaml());
            } catch (PolicyException e) {
                // stored policies were validated on the way in; one that no longer parses has no premises to use
                return null;
            }
        }).orElse(null));
    }
}
