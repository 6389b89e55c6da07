package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a monitoring self-test stands, worked out when it is read. */
public enum SelfTestStatus {
    /** Asked for, no canary flag back yet, still within the time allowed. */
    @JsonProperty("waiting") WAITING,
    /** The canary flag came back within the time allowed: monitoring works end to end on that device. */
    @JsonProperty("passed") PASSED,
    /** The canary flag came back, but after the time allowed. */
    @JsonProperty("late") LATE,
    /** No canary flag within the time allowed. */
    @JsonProperty("failed") FAILED
}
