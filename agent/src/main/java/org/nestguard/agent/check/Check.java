package org.nestguard.agent.check;

import org.nestguard.protocol.policy.Policy;

/** One control: reads facts through its probe and judges them against the policy. */
public interface Check {
    Control control();

    CheckResult run(Policy policy);
}
