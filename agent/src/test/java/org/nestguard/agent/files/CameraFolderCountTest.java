package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.protocol.files.MediaCount;

class CameraFolderCountTest {
    @TempDir
    Path temp;

    @Test
    void countsPhotosAndVideosByContentWithSizeAndNewest() throws Exception {
        Path amy = Files.createDirectories(temp.resolve("amy"));
        Path camera = Files.createDirectories(amy.resolve("Pictures/Trip"));
        Path photo = Files.write(camera.resolve("IMG_0001.JPG"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
        Path renamed = Files.write(camera.resolve("notes.txt"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 2});
        Path video = Files.write(amy.resolve("Pictures/clip.bin"),
                "\0\0\0\u0018ftypmp42\0\0\0\0isom".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(amy.resolve("Pictures/readme.txt"), "not a photo");
        Files.createSymbolicLink(amy.resolve("Pictures/elsewhere.jpg"), temp.resolve("outside.jpg"));
        Files.setLastModifiedTime(photo, FileTime.from(Instant.parse("2026-11-20T09:00:00Z")));
        Files.setLastModifiedTime(renamed, FileTime.from(Instant.parse("2026-11-21T09:00:00Z")));
        Files.setLastModifiedTime(video, FileTime.from(Instant.parse("2026-11-19T09:00:00Z")));
        Path bob = Files.createDirectories(temp.resolve("bob"));
        Files.createDirectories(bob.resolve("DCIM"));

        CameraFolderCount count = new CameraFolderCount(() -> List.of(new AccountHome("amy", amy),
                new AccountHome("bob", bob)), () -> List.of("Pictures", "DCIM"), FileIndex.inMemory());
        List<MediaCount> counts = count.count();
        assertEquals(List.of(new MediaCount("amy", "Pictures", 2, 1, 4 + 4 + Files.size(video),
                Instant.parse("2026-11-21T09:00:00Z")), new MediaCount("bob", "DCIM", 0, 0, 0, null)), counts);
    }

    @Test
    void aCameraFolderLinkedOutOfTheHomeFailsLoudly() throws Exception {
        Path amy = Files.createDirectories(temp.resolve("amy"));
        Path card = Files.createDirectories(temp.resolve("sdcard"));
        Files.createSymbolicLink(amy.resolve("DCIM"), card);
        CameraFolderCount count = new CameraFolderCount(() -> List.of(new AccountHome("amy", amy)),
                () -> List.of("DCIM"), null);
        java.io.IOException e = assertThrows(java.io.IOException.class, count::count);
        assertTrue(e.getMessage().contains("outside the account's home"), e.getMessage());
    }
}
