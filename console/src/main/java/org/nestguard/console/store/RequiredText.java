package org.nestguard.console.store;

/** Refuses a missing or blank value with a message naming what was missing. */
final class RequiredText {
    private RequiredText() {
    }

    static String check(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is missing: give a non-empty value");
        }
        return value;
    }
}
