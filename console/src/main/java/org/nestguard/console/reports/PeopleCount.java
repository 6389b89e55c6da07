package org.nestguard.console.reports;

/**
 * The small-number rule of reports that leave the safeguarding team: a count of people-related records (flags,
 * concerns, quarantined files, holds) from 1 to 4 is shown as "fewer than 5", so a governor of a small nursery
 * cannot work out which child a figure is about. Zero stays zero: that nothing happened identifies no one.
 */
public final class PeopleCount {
    /** The smallest count shown as it is. */
    public static final int SHOWN_FROM = 5;
    public static final String FEWER = "fewer than " + SHOWN_FROM;

    private PeopleCount() {
    }

    /** The count as a report outside the safeguarding team shows it. */
    public static String of(long count) {
        return count > 0 && count < SHOWN_FROM ? FEWER : Long.toString(count);
    }
}
