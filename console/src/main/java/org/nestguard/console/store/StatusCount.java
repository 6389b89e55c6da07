package org.nestguard.console.store;

/**
 * How many of a setting's devices last reported one status on one control, counted by the store.
 *
 * @param status the status, trimmed and in upper case (PASS, FAIL, NOT_APPLICABLE, or anything else reported)
 */
public record StatusCount(String control, String status, int devices) {
}
