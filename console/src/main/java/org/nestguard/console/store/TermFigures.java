package org.nestguard.console.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A setting's figures for a period [from, to), for the governors: counts only, never a name of a child, a member
 * of staff, a device or an account, and never a URL.
 *
 * @param devicesEnrolled    devices of the setting enrolled by the end of the period
 * @param devicesNew         of those, enrolled during it
 * @param compliance         per control, how many devices passed in their latest result before the period's end
 * @param flagsByCategory    flags raised in the period, per category (a flag with two categories counts in both)
 * @param flagsBySeverity    flags raised in the period, per severity
 * @param flagsByState       flags raised in the period, by where their review stands now (new, reviewed, ...)
 * @param escalations        flags escalated to a concern during the period (there are no case records yet)
 * @param policyVersions     the policy versions stored for the setting during the period, oldest first
 */
public record TermFigures(Instant from, Instant to, long devicesEnrolled, long devicesNew,
                          List<ControlShare> compliance, long flagsRaised, Map<String, Long> flagsByCategory,
                          Map<String, Long> flagsBySeverity, Map<String, Long> flagsByState, long escalations,
                          long quarantineIsolated, long quarantineReleased, long quarantineDestroyed,
                          long quarantinePreserved, long holdsPlaced, long holdsLifted, long selfTestsRun,
                          long selfTestsPassed, List<AdoptedPolicy> policyVersions) {
    public TermFigures {
        compliance = List.copyOf(compliance);
        flagsByCategory = Collections.unmodifiableMap(new TreeMap<>(flagsByCategory));
        flagsBySeverity = Collections.unmodifiableMap(new TreeMap<>(flagsBySeverity));
        flagsByState = Collections.unmodifiableMap(new TreeMap<>(flagsByState));
        policyVersions = List.copyOf(policyVersions);
    }

    /** A control's compliance at the period's end: devices passing out of the devices with a result for it. */
    public record ControlShare(String control, long passing, long reported) {
        /** Passing as a whole percentage of those reporting (0 when none reported). */
        public long percent() {
            return reported == 0 ? 0 : Math.round(100.0 * passing / reported);
        }
    }

    /** A policy version adopted in the period: its number and when. */
    public record AdoptedPolicy(int version, Instant at) {
    }
}
