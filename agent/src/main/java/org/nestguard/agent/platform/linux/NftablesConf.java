package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rough reading of {@code /etc/nftables.conf} for systems that cannot run {@code nft} (a disk image): each
 * {@code chain NAME { ... }} block on the input hook filters when its policy is drop or when an unconditional
 * {@code drop}/{@code reject} statement ends it before any unconditional {@code accept}. A drop that matches only some
 * packets ({@code ct state invalid drop}, a ban list) is not a firewall. Jumps into other chains and include files are
 * not followed, so a drop only reached through them is missed; the evidence says so.
 */
public final class NftablesConf {
    private static final Pattern CHAIN = Pattern.compile("\\bchain\\s+(\\S+)\\s*\\{");
    /** A statement that applies to every packet: optional counter and log, then a verdict. */
    private static final Pattern UNCONDITIONAL_VERDICT = Pattern.compile(
            "^(counter(\\s+packets\\s+\\d+\\s+bytes\\s+\\d+)?\\s+)?(log(\\s+prefix\\s+\"[^\"]*\")?(\\s+level\\s+\\S+)?\\s+)?"
                    + "(counter\\s+)?(accept|drop|reject)(\\s+with\\s+.+)?$");

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
            String fallThrough = null;
            for (String statement : body.split("[;\\n]")) {
                Matcher verdict = UNCONDITIONAL_VERDICT.matcher(statement.strip());
                if (verdict.matches()) {
                    fallThrough = verdict.group(7);
                    break;
                }
            }
            String effective = fallThrough != null ? fallThrough : dropPolicy ? "drop" : "accept";
            filters |= !effective.equals("accept");
            described.add("chain " + m.group(1) + " on input hook: " + (dropPolicy ? "policy drop" : "policy accept")
                    + ", packets no rule allows end in " + effective
                    + (fallThrough == null ? " (the policy)" : " (an unconditional rule)"));
        }
        if (described.isEmpty()) {
            described.add("no chain on the input hook");
        }
        return new InputFiltering(filters, String.join("; ", described) + " (file only; jumps and includes not followed)");
    }
}
