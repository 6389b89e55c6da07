package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code nft -j list ruleset} (libnftables-json(5): {"nftables": [{"table": ...}, {"chain": ...}, {"rule": ...}]})
 * and decides whether incoming traffic is filtered: in some base chain on the input hook, a packet that no allow rule
 * matched must be dropped, by the chain's policy or by an unconditional drop/reject it reaches (directly or through an
 * unconditional jump/goto). A drop that matches only some packets (a fail2ban ban, {@code ct state invalid drop}) is
 * not a firewall.
 */
public final class NftRuleset {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Statements that apply to every packet; any other (match, limit, vmap, quota ...) makes a rule conditional. */
    private static final Set<String> UNCONDITIONAL = Set.of("counter", "log", "accept", "drop", "reject", "jump", "goto",
            "return", "continue");

    private NftRuleset() {
    }

    public static InputFiltering parse(String json) {
        JsonNode items;
        try {
            items = JSON.readTree(json).path("nftables");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("nft -j output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!items.isArray()) {
            throw new IllegalArgumentException("nft -j output has no \"nftables\" array");
        }
        List<JsonNode> inputChains = new ArrayList<>();
        Map<String, List<JsonNode>> rulesByChain = new HashMap<>();
        for (JsonNode item : items) {
            JsonNode chain = item.path("chain");
            if (chain.isObject() && "input".equals(chain.path("hook").asText())) {
                inputChains.add(chain);
            }
            JsonNode rule = item.path("rule");
            if (rule.isObject()) {
                rulesByChain.computeIfAbsent(key(rule, rule.path("chain").asText()), k -> new ArrayList<>()).add(rule);
            }
        }
        if (inputChains.isEmpty()) {
            return new InputFiltering(false, "no chain on the input hook (" + rulesByChain.values().stream()
                    .mapToInt(List::size).sum() + " rules in total)");
        }
        // Every base chain on the hook sees the packet; a drop in any one of them stops it.
        boolean filters = false;
        List<String> described = new ArrayList<>();
        for (JsonNode chain : inputChains) {
            String policy = chain.path("policy").asText("accept");
            String chainKey = key(chain, chain.path("name").asText());
            String tablePrefix = chain.path("family").asText() + " " + chain.path("table").asText();
            String fallThrough = verdict(chainKey, tablePrefix, rulesByChain, new HashSet<>());
            String effective = fallThrough != null ? fallThrough : policy;
            filters |= effective.equals("drop") || effective.equals("reject");
            described.add(chainKey + " policy " + policy + ", " + rulesByChain.getOrDefault(chainKey, List.of()).size()
                    + " rules, packets no rule allows end in " + effective
                    + (fallThrough == null ? " (the policy)" : " (an unconditional rule)"));
        }
        return new InputFiltering(filters, String.join("; ", described));
    }

    /**
     * The verdict every packet gets in this chain unless an earlier conditional rule decided it: the first unconditional
     * accept/drop/reject, or one reached through an unconditional jump or goto; null when packets fall through.
     */
    private static String verdict(String chainKey, String tablePrefix, Map<String, List<JsonNode>> rules,
                                  Set<String> visiting) {
        if (!visiting.add(chainKey)) {
            return null; // nft rejects loops; only a broken listing gets here
        }
        for (JsonNode rule : rules.getOrDefault(chainKey, List.of())) {
            boolean unconditional = true;
            for (JsonNode expr : rule.path("expr")) {
                String statement = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "";
                unconditional &= UNCONDITIONAL.contains(statement);
            }
            if (!unconditional) {
                continue;
            }
            for (JsonNode expr : rule.path("expr")) {
                for (String end : List.of("accept", "drop", "reject")) {
                    if (expr.has(end)) {
                        return end;
                    }
                }
                if (expr.has("return")) {
                    return null;
                }
                for (String jump : List.of("jump", "goto")) {
                    if (expr.has(jump)) {
                        String below = verdict(tablePrefix + " " + expr.path(jump).path("target").asText(), tablePrefix,
                                rules, visiting);
                        if (below != null || jump.equals("goto")) {
                            return below; // a goto does not come back: falling through it ends this chain too
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String key(JsonNode node, String chain) {
        return node.path("family").asText() + " " + node.path("table").asText() + " " + chain;
    }
}
