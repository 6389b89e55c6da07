package org.nestguard.protocol.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgently a DSL must look at a flag; the flag queue sorts by it, most urgent first. */
public enum Severity {
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH,
    @JsonProperty("critical") CRITICAL;

    /** The more urgent of two. */
    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
