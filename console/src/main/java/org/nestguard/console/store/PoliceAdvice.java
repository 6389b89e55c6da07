package org.nestguard.console.store;

import java.time.Instant;

/** The police advice that lifting a hold requires: who advised, when, and what they advised. */
public record PoliceAdvice(String adviser, Instant at, String outcome) {
}
