package org.nestguard.agent.files;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.protocol.files.FileRuleMatch;

/**
 * The hash lists a scan checks against, and the problems with those the policy names that could not be loaded
 * (not imported, damaged), which every scan reports.
 */
public record LoadedHashLists(List<HashList> lists, List<String> problems) {
    public LoadedHashLists {
        lists = List.copyOf(lists);
        problems = List.copyOf(problems);
    }

    public static LoadedHashLists none() {
        return new LoadedHashLists(List.of(), List.of());
    }

    /** Which digests a file must be hashed with for these lists: SHA-1 and MD5 only when a list holds some. */
    public DigestSet digestsNeeded() {
        boolean sha1 = lists.stream().anyMatch(l -> l.sha1().size() > 0);
        boolean md5 = lists.stream().anyMatch(l -> l.md5().size() > 0);
        return new DigestSet(sha1, md5);
    }

    /** One match per list that holds one of the file's digests. */
    public List<FileRuleMatch> matches(Digests digests) {
        List<FileRuleMatch> matches = new ArrayList<>();
        for (HashList list : lists) {
            String matched = list.match(digests);
            if (matched != null) {
                matches.add(new FileRuleMatch(FileRuleMatch.Source.HASH_LIST, list.name(), matched,
                        list.description() == null ? "on hash list " + list.name() : list.description()));
            }
        }
        return matches;
    }
}
