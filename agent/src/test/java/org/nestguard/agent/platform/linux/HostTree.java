package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nestguard.agent.platform.HostRoot;

/** Builds a fake Linux file system under a test's temporary folder, from fixtures or inline text. */
final class HostTree {
    private final Path base;

    HostTree(Path base) {
        this.base = base;
    }

    HostRoot root() {
        return new HostRoot(base);
    }

    /** Writes text at an absolute path of the fake host. */
    HostTree file(String absolutePath, String text) {
        return bytes(absolutePath, text.getBytes(StandardCharsets.UTF_8));
    }

    HostTree bytes(String absolutePath, byte[] content) {
        Path file = base.resolve(absolutePath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Copies fixture {@code fixtures/linux/NAME} to an absolute path of the fake host. */
    HostTree fixture(String absolutePath, String fixtureName) {
        return file(absolutePath, fixture(fixtureName));
    }

    HostTree dir(String absolutePath) {
        try {
            Files.createDirectories(base.resolve(absolutePath.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A sysfs block device: /sys/class/block/NAME with dev, optional dm uuid/name and slaves. */
    HostTree blockDevice(String name, String majorMinor, String dmUuid, String dmName, String... slaves) {
        String dir = "/sys/class/block/" + name;
        file(dir + "/dev", majorMinor + "\n");
        if (dmUuid != null) {
            file(dir + "/dm/uuid", dmUuid + "\n");
            file(dir + "/dm/name", dmName + "\n");
        }
        dir(dir + "/slaves");
        for (String slave : slaves) {
            dir(dir + "/slaves/" + slave);
        }
        return this;
    }

    static String fixture(String name) {
        try (InputStream in = HostTree.class.getResourceAsStream("/fixtures/linux/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
