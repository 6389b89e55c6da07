package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real lists the tests use are, skipping a test with a message saying what is missing: the UT1 subset
 * in {@code ../shared/data/ut1} beside the project (never committed: CC BY-SA data) and e2guardian's phrase
 * lists from the Debian package {@code e2guardian} ({@code .ci/run} installs it).
 */
public final class ExternalLists {
    public static final Path E2GUARDIAN = Path.of("/etc/e2guardian/lists");

    private ExternalLists() {
    }

    /** The UT1 subset, or the test is skipped. */
    public static Path ut1() {
        Path root = projectRoot();
        Path ut1 = root.resolve("../shared/data/ut1").normalize();
        assumeTrue(Files.isDirectory(ut1.resolve("gambling")), "the UT1 subset is not at " + ut1
                + " (../shared/data/ut1 beside the project); UT1 tests skipped");
        return ut1;
    }

    /** e2guardian's lists folder, or the test is skipped. */
    public static Path e2guardian() {
        assumeTrue(Files.isRegularFile(E2GUARDIAN.resolve("phraselists/pornography/weighted")),
                "e2guardian's phrase lists are not in " + E2GUARDIAN + "; install the Debian package e2guardian "
                        + "(.ci/run does); e2guardian tests skipped");
        return E2GUARDIAN;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "the project root (the folder with mvnw) is not above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
