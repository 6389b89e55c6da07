package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Disk encryption of the system and data volumes, always or for devices that leave the premises. */
public record EncryptionRule(Required required, List<Clause> clauses) {
    public EncryptionRule {
        Fields.require("required", required, "'always' or 'offPremises'");
        clauses = Fields.requireClauses(clauses);
    }

    /** When encryption is required. */
    public enum Required {
        @JsonProperty("always") ALWAYS,
        /** Only once the device is off the premises; an unencrypted device must stay on site. */
        @JsonProperty("offPremises") OFF_PREMISES
    }
}
