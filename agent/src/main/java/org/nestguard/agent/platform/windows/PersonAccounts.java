package org.nestguard.agent.platform.windows;

import java.util.Set;

/**
 * Which accounts belong to people, decided in one place for the accounts probe (by RID, from the SAM) and for the
 * per-user probes (by SID, from the profile list), so a check never judges an account the other probes ignore or
 * the other way round. A person's account has a machine or domain SID ({@code S-1-5-21-<domain>-<RID>}) and is not
 * one of the accounts Windows keeps for itself: DefaultAccount (RID 503) and WDAGUtilityAccount (RID 504), which are
 * disabled and nobody logs on with. Well-known service SIDs (S-1-5-18 LocalSystem, -19, -20) are not S-1-5-21 SIDs.
 * The built-in Administrator (500) and Guest (501) are people's accounts: they can be enabled and logged on with.
 * Microsoft Entra ID (Azure AD) users sign in with {@code S-1-12-1-...} SIDs: on Entra-joined school laptops that
 * is every pupil and member of staff, so their profiles are people's too.
 */
final class PersonAccounts {
    static final String ACCOUNT_SID_PREFIX = "S-1-5-21-";
    static final String ENTRA_SID_PREFIX = "S-1-12-1-";
    private static final Set<Long> SYSTEM_MANAGED_RIDS = Set.of(503L, 504L);

    private PersonAccounts() {
    }

    static boolean isPersonRid(long rid) {
        return !SYSTEM_MANAGED_RIDS.contains(rid);
    }

    /**
     * True for an S-1-5-21 SID whose last part (the RID) is a person's, and for an Entra ID user's S-1-12-1 SID
     * (four numbers from the object id); anything unparseable is not a person's.
     */
    static boolean isPersonSid(String sid) {
        if (sid != null && sid.startsWith(ENTRA_SID_PREFIX)) {
            return sid.substring(ENTRA_SID_PREFIX.length()).matches("\\d{1,10}(-\\d{1,10}){3}");
        }
        if (sid == null || !sid.startsWith(ACCOUNT_SID_PREFIX)) {
            return false;
        }
        String rid = sid.substring(sid.lastIndexOf('-') + 1);
        return rid.matches("\\d{1,10}") && isPersonRid(Long.parseLong(rid));
    }
}
