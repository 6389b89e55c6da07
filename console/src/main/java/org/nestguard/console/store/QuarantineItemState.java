package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a quarantine item stands as the agent last reported it: in the vault, restored, or destroyed. */
public enum QuarantineItemState {
    ISOLATED("isolated"),
    RELEASED("released"),
    DESTROYED("destroyed");

    private final String id;

    QuarantineItemState(String id) {
        this.id = id;
    }

    /** The name in the store and the API. */
    @JsonValue
    public String id() {
        return id;
    }

    static QuarantineItemState parse(String stored) {
        for (QuarantineItemState state : values()) {
            if (state.id.equals(stored)) {
                return state;
            }
        }
        throw new StoreException("The store holds an unknown quarantine state '" + stored + "'");
    }
}
