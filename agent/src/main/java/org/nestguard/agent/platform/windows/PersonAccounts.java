package org.nestguard.agent.platform.windows;

import java.util.Set;

/**
 * Which accounts belong to people, decided in one place for the accounts probe (by RID, from the SAM) and for the
 * per-user probes (by SID, from the profile list), so a check never judges an account the other probes ignore or
 * the other way round. A person's account has a machine or domain SID ({@code S-1-5-21-<domain>-<RID>}) and is not
 * one of the accounts Windows keeps for itself: DefaultAccount (RID 503) and WDAGUtilityAccount (RID 504), which are
 * disabled and nobody logs on with. Well-known service SIDs (S-1-5-18 LocalSystem, -19, -20) are not S-1-5-21 SIDs.
 * The built-in Administrator (500) and Guest (501) are people's accounts: they can be enabled and logged on with.
 */
final class PersonAccounts {
    static final String ACCOUNT_SID_PREFIX = "S-1-5-21-";
    private static final Set<Long> SYSTEM_MANAGED_RIDS = Set.of(503L, 504L);

    private PersonAccounts() {
    }

    static boolean isPersonRid(long rid) {
        return !SYSTEM_MANAGED_RIDS.contains(rid);
    }

    /** True for an S-1-5-21 SID whose last part (the RID) is a person's; anything unparseable is not a person's. */
    static boolean isPersonSid(String sid) {
        if (sid == null || !sid.startsWith(ACCOUNT_SID_PREFIX)) {
            return false;
        }
        String rid = sid.substring(sid.lastIndexOf('-') + 1);
        return rid.matches("\\d{1,10}") && isPersonRid(Long.parseLong(rid));
    }
}
