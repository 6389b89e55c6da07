package org.nestguard.agent.enrolment;

/** The version of the policy held in {@code policy.yaml}, as the console numbered it; stored as {@code policy.json}. */
public record StoredPolicyVersion(int version) {
}
