package org.nestguard.console.reports;

import org.nestguard.console.web.PageRefusal;

/** The addresses of the report pages, and what they say to someone who acts in no setting. */
public final class Reports {
    public static final String INDEX = "/reports";
    public static final String GOVERNORS = "/reports/governors";
    public static final String ACCESS = "/reports/access";
    public static final String ACCESS_CSV = "/reports/access.csv";
    public static final String SELF_TESTS = "/reports/self-tests";

    private Reports() {
    }

    /** The refusal of a report to an account with no setting to report on. */
    static PageRefusal noSetting() {
        return new PageRefusal(404, "No setting", "Your account acts in no setting yet, so there is nothing to "
                + "report on. Ask an administrator to grant you a role in your setting.");
    }
}
