package org.nestguard.protocol.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Why a file was flagged, exactly: which list or rule, and what of the file matched it.
 *
 * @param source  what kind of rule matched
 * @param name    the hash list's name, the place rule's folder, or the console request's id
 * @param matched what matched: {@code sha256:<hex>}, {@code executable in Downloads}, ...
 * @param reason  the words the DSL reads (a place rule's reason; a hash list's description)
 */
public record FileRuleMatch(Source source, String name, String matched, String reason) {
    public FileRuleMatch {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matched, "matched");
    }

    /** The kinds of rule. */
    public enum Source {
        @JsonProperty("hash-list") HASH_LIST,
        @JsonProperty("place") PLACE,
        /** A DSL asked for this file by device and path or by hash. */
        @JsonProperty("request") REQUEST
    }
}
