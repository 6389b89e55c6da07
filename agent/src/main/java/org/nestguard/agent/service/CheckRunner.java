package org.nestguard.agent.service;

import java.util.List;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.protocol.policy.Policy;

/** Runs every control against a policy; {@code CheckEngine::run} in the agent, a fixed list in tests. */
@FunctionalInterface
public interface CheckRunner {
    List<CheckResult> run(Policy policy);
}
