package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.AccountHome;

/**
 * Every account's home times the policy's watch folders, links resolved. A watch folder that is a link (or under
 * one) leading out of the account's home is refused and reported: the agent reads as root or SYSTEM, and must
 * not be pointed at the system's or another person's files by a link a user made.
 */
public record WatchedFolders(List<WatchedFolder> folders, List<String> problems) {
    public WatchedFolders {
        folders = List.copyOf(folders);
        problems = List.copyOf(problems);
    }

    /** The folders that exist; a missing one (no DCIM in this account) is no problem. */
    public static WatchedFolders resolve(List<AccountHome> homes, List<String> watch) {
        Map<Path, WatchedFolder> folders = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (AccountHome home : homes) {
            Path realHome;
            try {
                realHome = home.folder().toRealPath();
            } catch (IOException e) {
                continue; // the home has gone since the accounts were listed
            }
            for (String name : watch) {
                Path folder = home.folder().resolve(name);
                Path real;
                try {
                    real = folder.toRealPath();
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    problems.add("cannot open " + folder + " of " + home.account() + ": " + e.getMessage());
                    continue;
                }
                if (!Files.isDirectory(real)) {
                    continue;
                }
                if (!real.startsWith(realHome)) {
                    problems.add(folder + " of " + home.account() + " is a link to " + real + ", outside the "
                            + "account's home " + realHome + "; not watched. Make it a real folder");
                    continue;
                }
                folders.putIfAbsent(real, new WatchedFolder(home.account(), name, real));
            }
        }
        return new WatchedFolders(new ArrayList<>(folders.values()), problems);
    }

    /** The watched folder holding {@code real} (the innermost, when folders nest), or null. */
    public WatchedFolder holding(Path real) {
        WatchedFolder best = null;
        for (WatchedFolder folder : folders) {
            if (folder.holds(real) && (best == null || folder.real().getNameCount() > best.real().getNameCount())) {
                best = folder;
            }
        }
        return best;
    }
}
