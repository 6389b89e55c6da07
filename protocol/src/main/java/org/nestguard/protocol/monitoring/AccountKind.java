package org.nestguard.protocol.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whose account a visit was made in, as the policy's learner rule tells it. It decides where a flag goes: a flag
 * about a staff account goes to the manager or headteacher, never to that member of staff.
 */
public enum AccountKind {
    @JsonProperty("learner") LEARNER,
    @JsonProperty("staff") STAFF
}
