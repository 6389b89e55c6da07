package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The parsed {@code /etc/group}: group names, gids and listed members. */
public record GroupFile(List<Entry> entries) {

    public GroupFile {
        entries = List.copyOf(entries);
    }

    /** One {@code name:password:gid:member,member} line. */
    public record Entry(String name, int gid, Set<String> members) {
    }

    public static GroupFile parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] f = line.split(":", -1);
            if (line.isBlank() || line.startsWith("#") || f.length < 4) {
                continue;
            }
            Set<String> members = new LinkedHashSet<>();
            Arrays.stream(f[3].split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(members::add);
            try {
                entries.add(new Entry(f[0], Integer.parseInt(f[2].strip()), members));
            } catch (NumberFormatException e) {
                // a group with a broken gid cannot be matched to a primary group; members still count
                entries.add(new Entry(f[0], -1, members));
            }
        }
        return new GroupFile(entries);
    }

    /** Gids of the groups the account is in (for sudoers' %#gid). */
    public Set<Integer> gidsOf(String user, int primaryGid) {
        Set<Integer> gids = new LinkedHashSet<>();
        gids.add(primaryGid);
        for (Entry e : entries) {
            if (e.members().contains(user) && e.gid() >= 0) {
                gids.add(e.gid());
            }
        }
        return gids;
    }

    /** Names of the groups the account is in: its primary group plus every group listing it. */
    public Set<String> groupsOf(String user, int primaryGid) {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.gid() == primaryGid || e.members().contains(user)) {
                names.add(e.name());
            }
        }
        return names;
    }
}
