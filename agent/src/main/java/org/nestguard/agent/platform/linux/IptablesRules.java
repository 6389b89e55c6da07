package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the filter table as {@code iptables -S} prints it ({@code -P INPUT DROP}, {@code -A INPUT ... -j DROP}) or as
 * {@code iptables-save}/rules.v4 stores it ({@code :INPUT DROP [0:0]}), and decides whether incoming traffic is
 * filtered: what happens to a packet that no allow rule matched must be DROP or REJECT, either by the INPUT policy or
 * by an unconditional DROP/REJECT rule it reaches. A conditional DROP (a fail2ban ban, {@code --ctstate INVALID})
 * blocks a few packets and lets everything else through, so it is not a firewall.
 */
public final class IptablesRules {
    private static final Set<String> BLOCKING = Set.of("DROP", "REJECT");
    /** Options that only annotate or count a rule; any other option makes the rule match only some packets. */
    private static final Set<String> NEUTRAL_OPTIONS = Set.of("-j", "--jump", "-g", "--goto", "--reject-with");

    private IptablesRules() {
    }

    /** One {@code -A} rule: its jump or goto target and whether it applies to every packet. */
    private record Rule(String target, boolean isGoto, boolean unconditional) {
    }

    public static InputFiltering parse(String text) {
        String policy = null;
        Map<String, List<Rule>> chains = new HashMap<>();
        boolean inFilterTable = true; // iptables -S prints only one table; iptables-save marks tables with *name
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                inFilterTable = line.equals("*filter");
                continue;
            }
            if (!inFilterTable) {
                continue;
            }
            String[] f = line.replaceAll("-m comment --comment (\"[^\"]*\"|\\S+)", "").strip().split("\\s+");
            if (f.length >= 3 && f[0].equals("-P") && f[1].equals("INPUT")) {
                policy = f[2];
            } else if (f.length >= 2 && f[0].equals(":INPUT")) {
                policy = f[1];
            } else if (f.length >= 2 && f[0].equals("-A")) {
                chains.computeIfAbsent(f[1], k -> new ArrayList<>()).add(rule(f));
            }
        }
        if (policy == null && chains.isEmpty()) {
            throw new IllegalArgumentException("no INPUT policy and no rules found in the iptables output");
        }
        String fallThrough = verdict("INPUT", chains, new HashSet<>());
        String effective = fallThrough != null ? fallThrough : policy == null ? "ACCEPT" : policy;
        boolean filters = BLOCKING.contains(effective);
        int inputRules = chains.getOrDefault("INPUT", List.of()).size();
        return new InputFiltering(filters, "INPUT policy " + (policy == null ? "not shown" : policy) + ", " + inputRules
                + " INPUT rules, packets no rule allows end in " + effective
                + (fallThrough == null ? " (the policy)" : " (an unconditional rule)"));
    }

    private static Rule rule(String[] f) {
        String target = null;
        boolean isGoto = false;
        boolean unconditional = true;
        for (int i = 2; i < f.length; i++) {
            if (f[i].startsWith("-") && !NEUTRAL_OPTIONS.contains(f[i])) {
                unconditional = false;
            }
            if (i + 1 < f.length && (f[i].equals("-j") || f[i].equals("--jump") || f[i].equals("-g")
                    || f[i].equals("--goto"))) {
                target = f[i + 1];
                isGoto = f[i].startsWith("-g") || f[i].equals("--goto");
            }
        }
        return new Rule(target, isGoto, unconditional);
    }

    /**
     * The verdict every packet gets in this chain unless an earlier conditional rule decided it: the first unconditional
     * ACCEPT/DROP/REJECT, or one reached through an unconditional jump; null when packets fall through (RETURN or the
     * end of the chain), so the caller's next rules or the policy decide.
     */
    private static String verdict(String chain, Map<String, List<Rule>> chains, Set<String> visiting) {
        if (!visiting.add(chain)) {
            return null; // a loop; iptables refuses these, so only a broken listing gets here
        }
        for (Rule rule : chains.getOrDefault(chain, List.of())) {
            if (!rule.unconditional() || rule.target() == null) {
                continue;
            }
            if (rule.target().equals("ACCEPT") || BLOCKING.contains(rule.target())) {
                return rule.target();
            }
            if (rule.target().equals("RETURN")) {
                return null;
            }
            if (chains.containsKey(rule.target())) {
                String below = verdict(rule.target(), chains, visiting);
                if (below != null || rule.isGoto()) {
                    return below; // a goto does not come back here: falling through it ends this chain too
                }
            }
        }
        return null;
    }
}
