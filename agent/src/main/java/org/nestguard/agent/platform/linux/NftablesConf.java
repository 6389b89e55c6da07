package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rough reading of {@code /etc/nftables.conf} for systems that cannot run {@code nft} (a disk image): each
 * {@code chain NAME { ... }} block on the input hook, whether it has {@code policy drop} or a drop/reject statement.
 * Jumps into other chains and include files are not followed; the evidence says so.
 */
public final class NftablesConf {
    private static final Pattern CHAIN = Pattern.compile("\\bchain\\s+(\\S+)\\s*\\{");
    private static final Pattern BLOCKING = Pattern.compile("(?m)^[^#\\n]*\\b(drop|reject)\\b");

    private NftablesConf() {
    }

    public static InputFiltering parse(String text) {
        List<String> described = new ArrayList<>();
        boolean filters = false;
        Matcher m = CHAIN.matcher(text);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (i < text.length() && depth > 0) {
                char c = text.charAt(i++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            String body = text.substring(m.end(), i - 1).replaceAll("#[^\\n]*", "");
            if (!body.matches("(?s).*\\bhook\\s+input\\b.*")) {
                continue;
            }
            boolean dropPolicy = body.matches("(?s).*\\bpolicy\\s+drop\\b.*");
            boolean blockingRule = BLOCKING.matcher(body.replaceAll("policy\\s+drop", "")).find();
            filters |= dropPolicy || blockingRule;
            described.add("chain " + m.group(1) + " on input hook: " + (dropPolicy ? "policy drop" : "policy accept")
                    + (blockingRule ? ", has drop/reject rules" : ", no drop/reject rules"));
        }
        if (described.isEmpty()) {
            described.add("no chain on the input hook");
        }
        return new InputFiltering(filters, String.join("; ", described) + " (file only; jumps and includes not followed)");
    }
}
