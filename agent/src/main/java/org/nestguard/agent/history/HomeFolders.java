package org.nestguard.agent.history;

import java.nio.file.Path;
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
}
