package org.nestguard.protocol.policy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files on setting devices are checked regularly ("Regularly checking files held on our network"): the folders
 * watched in every local account, the hash lists a match against is flagged, the type-and-place rules, and what
 * happens to a match under the safeguarding rules (§11.2, §11.4).
 *
 * @param watch              folders watched in every account's home, relative to it; absent means
 *                           {@link #DEFAULT_WATCH}
 * @param rescanEvery        time between full rescans (unchanged files are not hashed again), PT15M to P7D
 * @param hashLists          names of hash lists imported on the device ({@code nestguard-agent hashes import});
 *                           a listed one that is missing is reported, never ignored
 * @param isolateHashMatches true: a hash-list match is isolated at once; false: it is flagged for the DSL only
 * @param placeRules         files of a kind in a folder that are flagged (an executable in Downloads)
 * @param cameraFolders      where photos and videos are counted for outing readiness, relative to each home;
 *                           absent means {@link #DEFAULT_CAMERA_FOLDERS}
 * @param holdLockExcept     accounts left able to log on when a device on hold is locked (the setting's
 *                           technical staff account); the lock needs at least one, so staff are never shut out
 */
public record FileCheckRule(List<String> watch, Duration rescanEvery, List<String> hashLists,
                            Boolean isolateHashMatches, List<PlaceRule> placeRules, List<String> cameraFolders,
                            List<String> holdLockExcept, List<Clause> clauses) {
    public static final List<String> DEFAULT_WATCH = List.of("Downloads", "Desktop", "Pictures", "Documents",
            "Videos", "DCIM");
    public static final List<String> DEFAULT_CAMERA_FOLDERS = List.of("Pictures", "DCIM", "Videos", "Movies");
    public static final Duration DEFAULT_RESCAN_EVERY = Duration.ofHours(6);

    public FileCheckRule {
        watch = folders("watch", watch, DEFAULT_WATCH);
        rescanEvery = rescanEvery == null ? DEFAULT_RESCAN_EVERY : rescanEvery;
        Fields.requireDuration("rescanEvery", rescanEvery, Duration.ofMinutes(15), Duration.ofDays(7), "PT6H");
        hashLists = Fields.listOrEmpty(hashLists);
        for (int i = 0; i < hashLists.size(); i++) {
            Fields.requireText("hashLists[" + i + "]", hashLists.get(i));
        }
        Fields.require("isolateHashMatches", isolateHashMatches, "true or false");
        placeRules = Fields.listOrEmpty(placeRules);
        for (int i = 0; i < placeRules.size(); i++) {
            if (!watch.contains(placeRules.get(i).folder())) {
                throw new PolicyFieldException("placeRules[" + i + "].folder", "'" + placeRules.get(i).folder()
                        + "' is not watched; add it to watch (" + String.join(", ", watch) + ") or name one of those");
            }
        }
        cameraFolders = folders("cameraFolders", cameraFolders, DEFAULT_CAMERA_FOLDERS);
        holdLockExcept = Fields.listOrEmpty(holdLockExcept);
        for (int i = 0; i < holdLockExcept.size(); i++) {
            Fields.requireText("holdLockExcept[" + i + "]", holdLockExcept.get(i));
        }
        clauses = Fields.requireClauses(clauses);
    }

    // Relative, inside the home: a rule must never reach another account's files or the system's.
    private static List<String> folders(String field, List<String> given, List<String> defaults) {
        if (given == null) {
            return defaults;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String folder = Fields.requireText(field + "[" + i + "]", given.get(i));
            if (folder.startsWith("/") || folder.startsWith("\\") || folder.contains(":")
                    || List.of(folder.split("[/\\\\]")).contains("..")) {
                throw new PolicyFieldException(field + "[" + i + "]", "'" + folder + "' is not a folder inside "
                        + "the account's home; give a relative path such as Downloads or Pictures/Camera");
            }
            if (!seen.add(folder)) {
                throw new PolicyFieldException(field + "[" + i + "]", "'" + folder + "' is listed twice");
            }
        }
        return List.copyOf(given);
    }
}
