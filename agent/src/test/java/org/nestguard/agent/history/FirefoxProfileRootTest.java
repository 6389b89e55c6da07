package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirefoxProfileRootTest {
    @TempDir
    Path folder;

    @Test
    void listedProfilesComeFirstThenUnlistedOnesBesideOrUnderProfiles() throws IOException {
        Files.writeString(folder.resolve("profiles.ini"), """
                [Profile0]
                Name=default-release
                IsRelative=1
                Path=Profiles/k3j2l1m0.default-release

                [Profile1]
                Name=gone
                IsRelative=1
                Path=Profiles/deleted.folder
                """);
        places("Profiles/k3j2l1m0.default-release");
        places("Profiles/zz.hand-made");
        places("abc123.linux-style"); // ~/.mozilla/firefox keeps profiles directly in the folder
        Files.createDirectories(folder.resolve("Crash Reports"));

        List<BrowserProfile> found = new FirefoxProfileRoot(folder, path -> null).profiles("pupil");

        assertEquals(List.of("default-release", "abc123.linux-style", "zz.hand-made"),
                found.stream().map(BrowserProfile::name).toList());
        assertEquals(folder.resolve("Profiles/k3j2l1m0.default-release/places.sqlite"), found.get(0).historyFile());
        assertEquals(HistoryFormat.FIREFOX, found.get(0).format());
        assertEquals("pupil", found.get(0).account());
    }

    @Test
    void aProfilesIniThatIsAPipeIsNotWaitedForAndTheFoldersAreStillFound() throws Exception {
        // the account owns this folder: a named pipe as profiles.ini once could keep the agent waiting for ever
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("profiles.ini").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        places("abc123.linux-style");

        List<BrowserProfile> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> new FirefoxProfileRoot(folder, path -> null).profiles("pupil"));

        assertEquals(List.of("abc123.linux-style"), found.stream().map(BrowserProfile::name).toList());
    }

    @Test
    void absolutePathIsMappedByTheCallerAndUnmappableOnesAreSkipped() throws IOException {
        Files.writeString(folder.resolve("profiles.ini"), """
                [Profile0]
                Name=elsewhere
                IsRelative=0
                Path=/srv/firefox/elsewhere

                [Profile1]
                Name=nowhere
                IsRelative=0
                Path=Q:\\\\not\\\\here
                """);
        Path mapped = folder.resolve("mapped-root/srv/firefox/elsewhere");
        Files.createDirectories(mapped);
        Files.writeString(mapped.resolve("places.sqlite"), "SQLite format 3");

        List<BrowserProfile> found = new FirefoxProfileRoot(folder,
                path -> path.startsWith("/") ? folder.resolve("mapped-root").resolve(path.substring(1)) : null)
                .profiles("pupil");

        assertEquals(List.of("elsewhere"), found.stream().map(BrowserProfile::name).toList());
    }

    @Test
    void missingOrUnreadableIniStillFindsTheFolders() throws IOException {
        places("Profiles/only.on-disk");
        Files.write(folder.resolve("profiles.ini"), new byte[] {(byte) 0xFF, '[', 'P'}); // not UTF-8, no profiles

        assertEquals(List.of("only.on-disk"),
                new FirefoxProfileRoot(folder, path -> null).profiles("pupil").stream().map(BrowserProfile::name)
                        .toList());
        assertEquals(List.of(), new FirefoxProfileRoot(folder.resolve("absent"), path -> null).profiles("pupil"));
    }

    private void places(String profile) throws IOException {
        Path dir = Files.createDirectories(folder.resolve(profile));
        Files.writeString(dir.resolve("places.sqlite"), "SQLite format 3");
    }
}
