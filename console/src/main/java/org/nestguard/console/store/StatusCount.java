package org.nestguard.console.store;

/**
 * How many of a setting's devices last reported one status on one control, counted by the store.
 *
 * @param status the status as the agents spelled it (PASS, FAIL, NOT_APPLICABLE, or anything else)
 */
public record StatusCount(String control, String status, int devices) {
}
