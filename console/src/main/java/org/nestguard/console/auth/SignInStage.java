package org.nestguard.console.auth;

/** How far a browser session has got through sign-in; only {@link #SIGNED_IN} opens the console's pages. */
public enum SignInStage {
    /** The password was right; the TOTP code is still to come. */
    SECOND_FACTOR("second-factor"),
    /** An administrator reset the password: a new one must be chosen before anything else. */
    PASSWORD_CHANGE("password-change"),
    /** The account needs TOTP and has none yet: the person sets up their authenticator. */
    TOTP_ENROLMENT("totp-enrolment"),
    /** Fully signed in. */
    SIGNED_IN("signed-in");

    private final String id;

    SignInStage(String id) {
        this.id = id;
    }

    /** The name stored in the database. */
    public String id() {
        return id;
    }

    /** The stage with this stored name. */
    public static SignInStage parse(String id) {
        for (SignInStage stage : values()) {
            if (stage.id.equals(id)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown sign-in stage '" + id + "'");
    }

    /** The stage after the password (or the code) was accepted: the first thing still owed, else signed in. */
    public static SignInStage next(Account account, boolean secondFactorDone) {
        if (account.totpEnrolled() && !secondFactorDone) {
            return SECOND_FACTOR;
        }
        if (account.mustChangePassword()) {
            return PASSWORD_CHANGE;
        }
        if (account.totpRequired() && !account.totpEnrolled()) {
            return TOTP_ENROLMENT;
        }
        return SIGNED_IN;
    }
}
