package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * A local or domain user profile from {@code HKLM\...\ProfileList}, and whether its hive is loaded under
 * {@code HKEY_USERS} (only while the user is logged on, or something else holds it open).
 *
 * @param sid        the user's SID (S-1-5-21-...)
 * @param user        the profile folder name, which is the account name at the time the profile was created
 * @param profilePath ProfileImagePath as stored (C:\Users\name), where NTUSER.DAT lives; empty when not set
 * @param hiveLoaded  whether {@code HKEY_USERS\<sid>} exists, so per-user values can be read without loading it
 */
public record UserProfile(String sid, String user, String profilePath, boolean hiveLoaded) {
    static final String PROFILE_LIST = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";

    /** Lists the profiles of people's accounts as {@link PersonAccounts} defines them. */
    public static List<UserProfile> list(RegistryReader registry) throws ProbeException {
        List<UserProfile> profiles = new ArrayList<>();
        for (String sid : registry.subkeys(Hive.HKEY_LOCAL_MACHINE, PROFILE_LIST)) {
            // A ".bak" suffix marks a profile Windows set aside after a corruption; it is not the live one.
            if (sid.endsWith(".bak") || !PersonAccounts.isPersonSid(sid)) {
                continue;
            }
            String path = registry.string(Hive.HKEY_LOCAL_MACHINE, PROFILE_LIST + "\\" + sid, "ProfileImagePath")
                    .orElse("");
            String user = folderName(path);
            profiles.add(new UserProfile(sid, user.isEmpty() ? sid : user, path.trim(),
                    registry.keyExists(Hive.HKEY_USERS, sid)));
        }
        return profiles;
    }

    /** Runs the action on this profile's hive, loading it when the user is logged off. */
    public <T> T withHive(RegistryReader registry, RegistryReader.HiveAction<T> action) throws ProbeException {
        return registry.withUserHive(sid, profilePath, action);
    }

    /** For evidence and unreadable entries: "HKEY_USERS\<SID> (<profile path>)". */
    public String describe() {
        return "HKEY_USERS\\" + sid + " (" + (profilePath.isEmpty() ? "no ProfileImagePath" : profilePath) + ")";
    }

    private static String folderName(String path) {
        String trimmed = path.trim();
        while (trimmed.endsWith("\\")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.substring(trimmed.lastIndexOf('\\') + 1);
    }
}
