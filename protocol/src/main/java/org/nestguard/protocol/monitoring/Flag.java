package org.nestguard.protocol.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One reason a visit was flagged: the category, how severe, and exactly which rule matched what, so a DSL can
 * judge the flag and a false positive can be traced to the list entry that caused it.
 *
 * @param category a DfE / UK Safer Internet Centre category (see {@link Categories}) or one the setting defined
 * @param severity how urgent
 * @param source   the kind of rule that matched
 * @param list     the list or library the rule came from, for example "default/gambling" or "ut1/adult"
 * @param matched  the entry that matched: a domain, a URL prefix or a phrase
 * @param reason   one sentence for people, such as "domain list ut1/adult has example.com, a parent of
 *                 www.example.com"
 */
public record Flag(String category, Severity severity, Source source, String list, String matched, String reason) {
    public Flag {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(reason, "reason");
    }

    /** The kind of rule behind a flag. */
    public enum Source {
        @JsonProperty("domain") DOMAIN,
        @JsonProperty("urlPrefix") URL_PREFIX,
        @JsonProperty("phrase") PHRASE,
        @JsonProperty("selfTest") SELF_TEST
    }
}
