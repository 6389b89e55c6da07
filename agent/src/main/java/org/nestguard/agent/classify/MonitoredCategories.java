package org.nestguard.agent.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.policy.CategoryRule;
import org.nestguard.protocol.policy.HistoryRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The categories a setting monitors and the severity of each: every standard one ({@link Categories#STANDARD})
 * with its default severity unless the setting's {@link HistoryRule} overrides it, plus the setting's own (the
 * Kent policies add "gaming"). Standard categories come first in the DfE order, then the setting's in its order.
 */
final class MonitoredCategories {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoredCategories.class);

    private final List<String> names;
    private final List<Severity> severities;

    private MonitoredCategories(Map<String, Severity> bySeverity) {
        this.names = List.copyOf(bySeverity.keySet());
        this.severities = List.copyOf(bySeverity.values());
    }

    /** From a setting's history rule; {@code null} means the standard categories only. */
    static MonitoredCategories of(HistoryRule rule) {
        Map<String, Severity> map = new LinkedHashMap<>();
        for (String name : Categories.ORDER) {
            map.put(name, Categories.STANDARD.get(name));
        }
        List<CategoryRule> own = rule == null ? List.of() : rule.categories();
        for (CategoryRule category : own) {
            if (category.name().equals(ListLibrary.ALLOW) || category.name().equals(Categories.SELF_TEST)) {
                LOG.warn("the policy defines a category '{}', a name the classifier reserves for its {}; it is "
                        + "ignored: rename it in the policy", category.name(),
                        category.name().equals(ListLibrary.ALLOW) ? "allow-list" : "self-test canary");
                continue;
            }
            map.put(category.name(), category.severity());
        }
        return new MonitoredCategories(map);
    }

    /** The position of {@code name}, or -1 when the setting does not monitor it. */
    int indexOf(String name) {
        return names.indexOf(name);
    }

    String name(int index) {
        return names.get(index);
    }

    Severity severity(int index) {
        return severities.get(index);
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return new ArrayList<>(names);
    }
}
