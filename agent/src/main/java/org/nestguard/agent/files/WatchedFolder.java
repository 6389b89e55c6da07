package org.nestguard.agent.files;

import java.nio.file.Path;

/**
 * One folder the scanner watches: a policy's watch folder in one account's home.
 *
 * @param account the account whose home it is in
 * @param name    the folder as the policy names it (Downloads, Pictures/Camera); place rules match on it
 * @param real    the folder with every link resolved, inside the account's real home; files are reported under it
 */
public record WatchedFolder(String account, String name, Path real) {
    /** Whether {@code path} (real, absolute) is this folder or inside it. */
    public boolean holds(Path path) {
        return path.startsWith(real);
    }
}
