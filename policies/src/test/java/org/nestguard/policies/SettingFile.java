package org.nestguard.policies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/** The five shipped setting files, each paired with the seed policy it expresses. */
enum SettingFile {
    DIMPLES("dimples-day-care", "000_6552dfb0b60d8b0b.txt"),
    FLAGG("flagg-nursery", "001_58157b939948d4d8.txt"),
    TEYNHAM("teynham-pre-school", "002_d02aec19cd5adb96.txt"),
    DITTON("ditton-junior", "003_da86ddc2c50cfdea.txt"),
    ACORNS("little-thetford-acorns", "004_f2c0910a75d4a6dd.txt");

    final String id;
    final String seed;

    SettingFile(String id, String seed) {
        this.id = id;
        this.seed = seed;
    }

    /** The YAML file; surefire runs in the module directory, where settings/ lives. */
    Path path() {
        return Path.of("settings", id + ".yaml");
    }

    Policy load() throws PolicyException {
        return new PolicyLoader().load(path());
    }

    /**
     * The seed text, from {@code ../shared/seeds/} beside the project root (the first ancestor of the working
     * directory holding {@code mvnw}); empty when that folder is not there.
     */
    Optional<Path> seedPath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                Path seeds = dir.resolve("../shared/seeds").normalize();
                return Files.isDirectory(seeds) ? Optional.of(seeds.resolve(seed)) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
