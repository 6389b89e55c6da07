package org.nestguard.policies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nestguard.protocol.policy.Policy;

/** Every shipped setting file loads through the real loader, and no stray file ships beside them. */
class SettingFilesLoadTest {

    @ParameterizedTest
    @EnumSource(SettingFile.class)
    void loadsAndValidates(SettingFile file) throws Exception {
        Policy policy = file.load();
        assertEquals(Policy.SCHEMA_VERSION, policy.schemaVersion());
        assertEquals(file.id, policy.setting().id(), "the setting id must match the file name");
    }

    @Test
    void exactlyTheFiveSettingsShip() throws IOException {
        String[] shipped;
        try (Stream<Path> files = Files.list(Path.of("settings"))) {
            shipped = files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
        String[] expected = Arrays.stream(SettingFile.values()).map(f -> f.id + ".yaml").sorted().toArray(String[]::new);
        assertArrayEquals(expected, shipped);
    }
}
