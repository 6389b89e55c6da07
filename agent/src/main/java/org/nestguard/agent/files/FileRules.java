package org.nestguard.agent.files;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.policy.FileCheckRule;
import org.nestguard.protocol.policy.PlaceRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.SoftwareRule;

/**
 * The rules a file is judged by: the loaded hash lists (any of the three digests) everywhere, and each place rule
 * in its folder and the folders under it.
 *
 * @param isolateHashMatches whether a hash-list match is isolated at once (the {@code scan} command never does)
 */
public record FileRules(LoadedHashLists hashLists, List<PlaceRule> placeRules, SoftwareRule software,
                        boolean isolateHashMatches) {
    public FileRules {
        placeRules = List.copyOf(placeRules);
    }

    /** The rules of a policy with its lists loaded; a policy without {@code fileChecks} flags nothing. */
    public static FileRules of(Policy policy, LoadedHashLists lists) {
        FileCheckRule rule = policy.fileChecks();
        if (rule == null) {
            return new FileRules(lists, List.of(), policy.software(), false);
        }
        return new FileRules(lists, rule.placeRules(), policy.software(), rule.isolateHashMatches());
    }

    /** Every rule {@code fileName} in {@code folder} (as the policy names it, or null) matches. */
    public List<FileRuleMatch> match(String folder, String fileName, FileKind kind, Digests digests) {
        if (hashLists.lists().isEmpty() && placeRules.isEmpty()) {
            return List.of(); // the common case on a rescan of a setting without lists: no allocation a file
        }
        List<FileRuleMatch> matches = new ArrayList<>(hashLists.matches(digests));
        for (PlaceRule place : placeRules) {
            if (folder == null || !folder.equals(place.folder()) || !place.kinds().contains(kind)) {
                continue;
            }
            if (kind == FileKind.EXECUTABLE && place.unlessApproved()
                    && ApprovedSoftwareNames.approvedEntry(software, fileName) != null) {
                continue;
            }
            matches.add(new FileRuleMatch(FileRuleMatch.Source.PLACE, place.folder(),
                    kind.name().toLowerCase(java.util.Locale.ROOT) + " in " + place.folder(), place.reason()));
        }
        return matches;
    }
}
