package org.nestguard.agent.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.FirewallProbe;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.policy.FirewallRule;
import org.nestguard.protocol.policy.Policy;

/**
 * A host firewall filters incoming traffic. Products are alternatives (ufw or nftables); a product with profiles
 * (Windows Firewall) counts only when every profile is on, because a laptop moves between networks.
 */
public final class FirewallCheck implements Check {
    private final FirewallProbe probe;

    public FirewallCheck(FirewallProbe probe) {
        this.probe = probe;
    }

    @Override
    public Control control() {
        return Control.FIREWALL;
    }

    @Override
    public CheckResult run(Policy policy) {
        FirewallRule rule = policy.firewall();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no firewall rule");
        }
        List<FirewallState> states;
        try {
            states = probe.firewalls();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "the firewall could not be read: " + e.getMessage(), rule.clauses());
        }
        if (states.isEmpty()) {
            return new CheckResult(control(), Status.FAIL, "no host firewall is installed or configured",
                    List.of(new Evidence("host firewall", "none found", "the operating system's firewall settings",
                            Status.FAIL)), rule.clauses());
        }
        Map<String, Status> products = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        for (FirewallState state : states) {
            Status status = state.enabled() == null ? Status.UNKNOWN : state.enabled() ? Status.PASS : Status.FAIL;
            evidence.add(new Evidence(state.name(), (state.enabled() == null ? "state could not be read"
                    : state.enabled() ? "on" : "off") + (state.detail() == null ? "" : "; " + state.detail()),
                    state.source(), status));
            products.merge(product(state.name()), status, Status::and);
        }
        List<String> on = products.entrySet().stream().filter(e -> e.getValue() == Status.PASS).map(Map.Entry::getKey)
                .toList();
        if (!on.isEmpty()) {
            return new CheckResult(control(), Status.PASS, String.join(", ", on) + " on", evidence, rule.clauses());
        }
        boolean unreadable = products.containsValue(Status.UNKNOWN);
        String off = evidence.stream().filter(e -> e.status() != Status.PASS)
                .map(e -> e.item() + ": " + e.value()).reduce((a, b) -> a + "; " + b).orElse("");
        return new CheckResult(control(), unreadable ? Status.UNKNOWN : Status.FAIL, off, evidence, rule.clauses());
    }

    private static String product(String name) {
        int bracket = name.indexOf(" (");
        return bracket < 0 ? name : name.substring(0, bracket);
    }
}
