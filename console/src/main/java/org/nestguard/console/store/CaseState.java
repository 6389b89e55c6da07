package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a concern (case) stands: open while work goes on, closed once its lessons are recorded. */
public enum CaseState {
    OPEN("open"),
    CLOSED("closed");

    private final String id;

    CaseState(String id) {
        this.id = id;
    }

    /** The name in the store and the pages. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The state with this name, or a refusal listing the names. */
    public static CaseState parse(String text) {
        for (CaseState state : values()) {
            if (state.id.equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state '" + text + "' is not a concern state; give open or closed");
    }
}
