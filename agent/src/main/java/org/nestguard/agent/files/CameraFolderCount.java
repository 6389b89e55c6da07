package org.nestguard.agent.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.MediaCount;

/**
 * Counts photos and videos in every account's camera folders for outing readiness (004: "all data must be
 * transferred/deleted from the setting's camera/device before leaving"). Walks the folders directly (links not
 * followed, folders leading out of the home refused as the watch does), taking a file's kind from the index when it
 * knows the file unchanged, else from its first bytes.
 */
public final class CameraFolderCount implements OutingCount {
    private final AccountHomes homes;
    private final Supplier<List<String>> cameraFolders;
    private final FileIndex index;

    /** @param cameraFolders the policy's {@code fileChecks.cameraFolders}, read when counting */
    public CameraFolderCount(AccountHomes homes, Supplier<List<String>> cameraFolders, FileIndex index) {
        this.homes = homes;
        this.cameraFolders = cameraFolders;
        this.index = index;
    }

    @Override
    public List<MediaCount> count() throws IOException {
        WatchedFolders folders = WatchedFolders.resolve(homes.list(), cameraFolders.get());
        if (!folders.problems().isEmpty()) {
            // A camera folder that leads elsewhere cannot be counted: the answer would not be "ready", it would be
            // unknown, so the question fails loudly.
            throw new IOException(String.join("; ", folders.problems()));
        }
        List<MediaCount> counts = new ArrayList<>();
        for (WatchedFolder folder : folders.folders()) {
            counts.add(countIn(folder));
        }
        return counts;
    }

    private MediaCount countIn(WatchedFolder folder) throws IOException {
        int[] photos = {0};
        int[] videos = {0};
        long[] bytes = {0};
        Instant[] newest = {null};
        Files.walkFileTree(folder.real(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                FileKind kind = kindOf(file, attrs);
                if (kind == FileKind.IMAGE || kind == FileKind.VIDEO) {
                    if (kind == FileKind.IMAGE) {
                        photos[0]++;
                    } else {
                        videos[0]++;
                    }
                    bytes[0] += attrs.size();
                    Instant modified = attrs.lastModifiedTime().toInstant();
                    if (newest[0] == null || modified.isAfter(newest[0])) {
                        newest[0] = modified;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw new IOException("cannot count " + file + ": " + e.getMessage(), e);
            }
        });
        return new MediaCount(folder.account(), folder.name(), photos[0], videos[0], bytes[0], newest[0]);
    }

    private FileKind kindOf(Path file, BasicFileAttributes attrs) throws IOException {
        IndexEntry known = index == null ? null : index.get(file.toString());
        if (known != null && known.unchanged(attrs.size(), FileScanner.nanos(attrs.lastModifiedTime()),
                FileScanner.key(attrs))) {
            return known.kind();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(KindSniffer.HEAD_BYTES);
        } catch (NoSuchFileException e) {
            return FileKind.OTHER;
        }
        return KindSniffer.kindOf(head, file.getFileName().toString());
    }
}
