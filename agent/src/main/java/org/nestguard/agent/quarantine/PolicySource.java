package org.nestguard.agent.quarantine;

import java.io.IOException;
import org.nestguard.protocol.policy.Policy;

/** The policy in force now, read when a quarantine or hold decision needs it (the note's DSL, the lock's exceptions). */
@FunctionalInterface
public interface PolicySource {
    Policy current() throws IOException;
}
