package org.nestguard.agent.quarantine;

import java.io.IOException;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/** The policy in force now, read when a quarantine or hold decision needs it (the note's DSL, the lock's list). */
@FunctionalInterface
public interface PolicySource {
    Policy current() throws IOException;

    /** The policy stored in the agent's data folder. */
    static PolicySource stored(AgentHome home) {
        return () -> {
            try {
                return new PolicyLoader().parse(home.policyYaml().toString(), home.readPolicyYaml());
            } catch (PolicyException e) {
                throw new IOException("the stored policy does not load: " + e.getMessage(), e);
            }
        };
    }
}
