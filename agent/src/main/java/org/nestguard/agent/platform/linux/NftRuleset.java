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
 * and decides whether incoming traffic is filtered: a base chain on the input hook with policy drop, or a drop/reject
 * verdict reachable from one through jump/goto.
 */
public final class NftRuleset {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        boolean filters = false;
        List<String> described = new ArrayList<>();
        for (JsonNode chain : inputChains) {
            String policy = chain.path("policy").asText("accept");
            String chainKey = key(chain, chain.path("name").asText());
            int blocking = blockingRules(chainKey, chain.path("family").asText() + " " + chain.path("table").asText(),
                    rulesByChain, new HashSet<>());
            filters |= policy.equals("drop") || blocking > 0;
            described.add(chain.path("family").asText() + " " + chain.path("table").asText() + " " + chain.path("name").asText()
                    + " policy " + policy + ", " + rulesByChain.getOrDefault(chainKey, List.of()).size() + " rules, "
                    + blocking + " drop/reject reachable");
        }
        return new InputFiltering(filters, String.join("; ", described));
    }

    private static int blockingRules(String chainKey, String tablePrefix, Map<String, List<JsonNode>> rules,
                                     Set<String> visited) {
        if (!visited.add(chainKey)) {
            return 0;
        }
        int count = 0;
        for (JsonNode rule : rules.getOrDefault(chainKey, List.of())) {
            for (JsonNode expr : rule.path("expr")) {
                if (expr.has("drop") || expr.has("reject")) {
                    count++;
                }
                for (String jump : List.of("jump", "goto")) {
                    if (expr.has(jump)) {
                        count += blockingRules(tablePrefix + " " + expr.path(jump).path("target").asText(), tablePrefix,
                                rules, visited);
                    }
                }
            }
        }
        return count;
    }

    private static String key(JsonNode node, String chain) {
        return node.path("family").asText() + " " + node.path("table").asText() + " " + chain;
    }
}
