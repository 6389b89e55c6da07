package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home folders of every account discovery looks at, so that one account's {@code profiles.ini} cannot point the
 * agent (which reads as SYSTEM or root) at another account's profile: that account could not open it itself, and its
 * history would be reported under the wrong person.
 */
final class HomeFolders {
    private static final Logger LOG = LoggerFactory.getLogger(HomeFolders.class);

    private final List<Path> homes;

    HomeFolders(List<Path> homes) {
        this.homes = homes.stream().map(home -> home.toAbsolutePath().normalize()).toList();
    }

    /** {@code mapping}, refusing (null, with a warning) any path inside a home other than {@code own}. */
    Function<String, Path> absolutePathsFor(Path own, Function<String, Path> mapping) {
        Path ownHome = own.toAbsolutePath().normalize();
        return written -> {
            Path mapped = mapping.apply(written);
            if (mapped == null) {
                return null;
            }
            Path normal = mapped.toAbsolutePath().normalize();
            for (Path home : homes) {
                if (!home.equals(ownHome) && !ownHome.startsWith(home) && normal.startsWith(home)) {
                    LOG.warn("Ignoring Firefox profile path {} in the profiles.ini of {}: it is inside {}, another "
                            + "account's home", written, ownHome, home);
                    return null;
                }
            }
            return mapped;
        };
    }

    /**
     * {@code profiles} of the account whose home is {@code own}, less those whose history, followed through every
     * link and junction on its way, lies inside another account's home. The account owns its browser folders: a
     * {@code Default} linked to a teacher's profile would have the agent report the teacher's history as the
     * learner's, and route flags about a staff member to the DSL. A history whose real path cannot be found is kept:
     * reading it reports why.
     */
    List<BrowserProfile> notInAnotherHome(Path own, List<BrowserProfile> profiles) {
        Path ownReal = real(own.toAbsolutePath().normalize());
        List<Path> others = new ArrayList<>();
        for (Path home : homes) {
            Path real = real(home);
            if (!real.equals(ownReal) && !ownReal.startsWith(real)) {
                others.add(real);
            }
        }
        List<BrowserProfile> kept = new ArrayList<>();
        for (BrowserProfile profile : profiles) {
            Path history;
            try {
                history = profile.historyFile().toRealPath();
            } catch (IOException e) {
                kept.add(profile);
                continue;
            }
            Path other = history.startsWith(ownReal) ? null
                    : others.stream().filter(history::startsWith).findFirst().orElse(null);
            if (other != null) {
                LOG.warn("Skipping {} profile {} of {}: its history {} is inside {}, another account's home",
                        profile.browser(), profile.name(), profile.account(), history, other);
                continue;
            }
            kept.add(profile);
        }
        return kept;
    }

    private static Path real(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder; // a home that cannot be resolved is compared as written
        }
    }
}
