package org.nestguard.agent.platform.windows;

import java.util.Optional;
import org.nestguard.agent.platform.ProbeException;

/**
 * The one Group Policy rule every Windows probe follows: a value under a {@code Policies} key, where it is present,
 * is what Windows applies; the local (user or machine) setting counts only when the policy copy is absent. A policy
 * copy that cannot be read is an error, never a reason to fall back to the local value.
 */
final class PolicyOverride {
    private PolicyOverride() {
    }

    /** Reads one thing from one place; empty when it is not set there. */
    @FunctionalInterface
    interface Source<T> {
        Optional<T> read(String where) throws ProbeException;
    }

    /**
     * The effective value and where it came from.
     *
     * @param value      what Windows applies
     * @param where      the key (or other place) it was read from
     * @param fromPolicy true when Group Policy set it
     */
    record Effective<T>(T value, String where, boolean fromPolicy) {
    }

    /** The policy copy when set, otherwise the local one; empty when neither is set. */
    static <T> Optional<Effective<T>> effective(String policy, String local, Source<T> source)
            throws ProbeException {
        Optional<T> fromPolicy = source.read(policy);
        if (fromPolicy.isPresent()) {
            return Optional.of(new Effective<>(fromPolicy.get(), policy, true));
        }
        return source.read(local).map(v -> new Effective<>(v, local, false));
    }
}
