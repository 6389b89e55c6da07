package org.nestguard.agent.history;

import org.nestguard.protocol.monitoring.AccountKind;

/** Tells a learner's account from a staff member's, by the policy's learner rule. */
public interface AccountKinds {
    /** The kind of the local account {@code account}; never null. */
    AccountKind kindOf(String account);
}
