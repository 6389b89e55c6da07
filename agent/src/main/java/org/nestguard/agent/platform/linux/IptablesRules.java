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
 * filtered: INPUT policy DROP, or a DROP/REJECT rule reachable from INPUT through jumps to user chains.
 */
public final class IptablesRules {
    private IptablesRules() {
    }

    public static InputFiltering parse(String text) {
        String policy = null;
        Map<String, List<String>> targets = new HashMap<>();
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
            String[] f = line.split("\\s+");
            if (f.length >= 3 && f[0].equals("-P") && f[1].equals("INPUT")) {
                policy = f[2];
            } else if (f.length >= 2 && f[0].equals(":INPUT")) {
                policy = f[1];
            } else if (f.length >= 2 && f[0].equals("-A")) {
                List<String> chainTargets = targets.computeIfAbsent(f[1], k -> new ArrayList<>());
                for (int i = 2; i + 1 < f.length; i++) {
                    if (f[i].equals("-j") || f[i].equals("--jump") || f[i].equals("-g") || f[i].equals("--goto")) {
                        chainTargets.add(f[i + 1]);
                    }
                }
            }
        }
        if (policy == null && targets.isEmpty()) {
            throw new IllegalArgumentException("no INPUT policy and no rules found in the iptables output");
        }
        int blocking = blocking("INPUT", targets, new HashSet<>());
        int inputRules = targets.getOrDefault("INPUT", List.of()).size();
        boolean filters = "DROP".equals(policy) || "REJECT".equals(policy) || blocking > 0;
        return new InputFiltering(filters, "INPUT policy " + (policy == null ? "not shown" : policy) + ", " + inputRules
                + " INPUT rules with targets, " + blocking + " DROP/REJECT reachable");
    }

    private static int blocking(String chain, Map<String, List<String>> targets, Set<String> visited) {
        if (!visited.add(chain)) {
            return 0;
        }
        int count = 0;
        for (String target : targets.getOrDefault(chain, List.of())) {
            if (target.equals("DROP") || target.equals("REJECT")) {
                count++;
            } else if (targets.containsKey(target)) {
                count += blocking(target, targets, visited);
            }
        }
        return count;
    }
}
