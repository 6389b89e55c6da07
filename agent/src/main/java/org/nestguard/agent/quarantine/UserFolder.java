package org.nestguard.agent.quarantine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Set;

/**
 * A folder of a user's, into which the vault writes as root: a released file, or the note left in place of an
 * isolated one. Where the platform allows ({@link SecureDirectoryStream}: Linux), the folder is opened one path
 * element at a time without following a link, and every write after that is made relative to the open folder. The
 * user can then swap the folder, or any folder above it, for a link to {@code /etc} at any moment without steering
 * a write there. Elsewhere (Windows), the folder is checked to be reached through no link just before the writes,
 * which narrows that window but does not close it.
 */
abstract sealed class UserFolder implements AutoCloseable permits UserFolder.Held, UserFolder.ByPath {
    /** Opens {@code folder}; refused when a link or junction is on its path. */
    static UserFolder open(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        Path root = absolute.getRoot();
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> secure)) {
            top.close();
            return new ByPath(absolute);
        }
        SecureDirectoryStream<Path> at = secure;
        try {
            for (Path element : absolute.subpath(0, absolute.getNameCount())) {
                SecureDirectoryStream<Path> next;
                try {
                    next = at.newDirectoryStream(element, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (IOException e) {
                    throw linked(absolute, e); // a link (ELOOP) or a file (ENOTDIR) where a folder should be
                }
                at.close();
                at = next;
            }
            return new Held(absolute, at);
        } catch (IOException | RuntimeException e) {
            at.close();
            throw e;
        }
    }

    private static IOException linked(Path folder, IOException cause) {
        IOException e = new IOException("the folder " + folder + " is now reached through a symbolic link or is not"
                + " a folder (" + cause.getMessage() + "), so a file written there could land somewhere else");
        e.initCause(cause);
        return e;
    }

    abstract Path path();

    /** Creates {@code name} anew in the folder, for writing. */
    abstract FileChannel create(String name, FileAttribute<?>... attributes) throws IOException;

    /** A view of the attributes of {@code name} in the folder, never of what a link there points at. */
    abstract <V extends FileAttributeView> V view(String name, Class<V> type) throws IOException;

    /** Renames {@code from} to {@code to} within the folder, replacing what {@code to} named. */
    abstract void rename(String from, String to) throws IOException;

    abstract void deleteIfExists(String name) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /** The folder held open, every step relative to it. */
    static final class Held extends UserFolder {
        private final Path path;
        private final SecureDirectoryStream<Path> folder;

        Held(Path path, SecureDirectoryStream<Path> folder) {
            this.path = path;
            this.folder = folder;
        }

        @Override
        Path path() {
            return path;
        }

        @Override
        FileChannel create(String name, FileAttribute<?>... attributes) throws IOException {
            SeekableByteChannel channel = folder.newByteChannel(Path.of(name), Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), attributes);
            if (channel instanceof FileChannel file) {
                return file;
            }
            channel.close();
            throw new IOException("this platform gives no file channel for " + path.resolve(name));
        }

        @Override
        <V extends FileAttributeView> V view(String name, Class<V> type) throws IOException {
            V view = folder.getFileAttributeView(Path.of(name), type, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                throw new IOException("no " + type.getSimpleName() + " for " + path.resolve(name));
            }
            return view;
        }

        @Override
        void rename(String from, String to) throws IOException {
            folder.move(Path.of(from), folder, Path.of(to));
        }

        @Override
        void deleteIfExists(String name) throws IOException {
            try {
                folder.deleteFile(Path.of(name));
            } catch (NoSuchFileException e) {
                // already gone
            }
        }

        @Override
        public void close() throws IOException {
            folder.close();
        }
    }

    /** Where no folder can be held open: by path, after checking that no link is on it. */
    static final class ByPath extends UserFolder {
        private final Path path;

        ByPath(Path path) throws IOException {
            if (!path.toRealPath().equals(path)) {
                throw new IOException("the folder " + path + " is now reached through a symbolic link, so a file"
                        + " written there could land somewhere else");
            }
            this.path = path;
        }

        @Override
        Path path() {
            return path;
        }

        @Override
        FileChannel create(String name, FileAttribute<?>... attributes) throws IOException {
            return FileChannel.open(path.resolve(name), Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), attributes);
        }

        @Override
        <V extends FileAttributeView> V view(String name, Class<V> type) throws IOException {
            V view = Files.getFileAttributeView(path.resolve(name), type, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                throw new IOException("no " + type.getSimpleName() + " for " + path.resolve(name));
            }
            return view;
        }

        @Override
        void rename(String from, String to) throws IOException {
            Files.move(path.resolve(from), path.resolve(to), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        void deleteIfExists(String name) throws IOException {
            Files.deleteIfExists(path.resolve(name));
        }

        @Override
        public void close() {
        }
    }
}
