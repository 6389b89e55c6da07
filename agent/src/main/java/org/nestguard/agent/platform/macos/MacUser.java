package org.nestguard.agent.platform.macos;

import java.util.Set;

/**
 * One local user as {@code dscl . -read /Users/NAME} shows it, and the one rule for whether it is a person: uid 501
 * or above (macOS gives the first person 501) and a login shell. Account and screen-lock probes both ask here.
 *
 * @param name       the short name
 * @param uid        the UniqueID
 * @param record     what dscl printed for the keys in {@link #READ_KEYS}
 * @param unreadable why the record could not be read, otherwise null
 */
record MacUser(String name, long uid, DsclRecord record, String unreadable) {
    static final long FIRST_PERSON_UID = 501;
    /** The keys every probe reads, in one dscl call per user. */
    static final String[] READ_KEYS = {"AuthenticationAuthority", "UserShell", "Password", "accountPolicyData"};
    private static final Set<String> NO_LOGIN_SHELLS =
            Set.of("/usr/bin/false", "/bin/false", "/sbin/nologin", "/usr/sbin/nologin");

    /**
     * Whether people log on with this account. A record that could not be read, or that printed no UserShell line at
     * all, counts as a person when its uid says so: skipping it would hide its unknown facts instead of reporting them.
     */
    boolean isPerson() {
        if (uid < FIRST_PERSON_UID) {
            return false;
        }
        String shell = record.get("UserShell");
        if (shell == null) {
            return !record.missing().contains("UserShell");
        }
        return !shell.isBlank() && !NO_LOGIN_SHELLS.contains(shell.strip());
    }
}
