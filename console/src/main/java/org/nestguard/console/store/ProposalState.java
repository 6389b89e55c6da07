package org.nestguard.console.store;

/** Where a proposed policy change stands: waiting for a decision, approved (and published), or rejected. */
public enum ProposalState {
    WAITING("waiting"),
    APPROVED("approved"),
    REJECTED("rejected");

    private final String id;

    ProposalState(String id) {
        this.id = id;
    }

    /** The name in the store and on the pages. */
    public String id() {
        return id;
    }

    static ProposalState parse(String stored) {
        for (ProposalState state : values()) {
            if (state.id.equals(stored)) {
                return state;
            }
        }
        throw new StoreException("The store holds an unknown proposal state '" + stored + "'");
    }
}
