package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a flag is in its review. new → reviewed, false-positive or escalated; reviewed → escalated or
 * false-positive; false-positive → reviewed (reopened). Escalated is final here: the concern it became is a case
 * record (the UI issue), and the flag is kept as its evidence.
 */
public enum FlagState {
    NEW("new"),
    REVIEWED("reviewed"),
    FALSE_POSITIVE("false-positive"),
    ESCALATED("escalated");

    private final String id;

    FlagState(String id) {
        this.id = id;
    }

    /** The name in the API and the store. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The states a flag in this state may move to. */
    public Set<FlagState> next() {
        return switch (this) {
            case NEW -> EnumSet.of(REVIEWED, FALSE_POSITIVE, ESCALATED);
            case REVIEWED -> EnumSet.of(ESCALATED, FALSE_POSITIVE);
            case FALSE_POSITIVE -> EnumSet.of(REVIEWED);
            case ESCALATED -> EnumSet.noneOf(FlagState.class);
        };
    }

    /** The state with this name, or a refusal listing the names. */
    public static FlagState parse(String text) {
        for (FlagState state : values()) {
            if (state.id.equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state '" + text + "' is not a flag state; give one of new, reviewed, "
                + "false-positive, escalated");
    }
}
