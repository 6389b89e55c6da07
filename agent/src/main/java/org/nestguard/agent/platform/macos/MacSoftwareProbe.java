package org.nestguard.agent.platform.macos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.SoftwareProbe;

/**
 * Lists app bundles in {@code /Applications}, {@code /System/Applications} and each {@code /Users/NAME/Applications}
 * (and one level of plain sub-folders such as Utilities) from each bundle's {@code Contents/Info.plist}. Avoids
 * {@code system_profiler SPApplicationsDataType}, which takes tens of seconds.
 *
 * <p>name = CFBundleDisplayName, else CFBundleName, else the folder name; version = CFBundleShortVersionString;
 * osComponent = under /System/Applications, or a {@code com.apple.} bundle in /Applications (Safari on older macOS).
 * A bundle whose Info.plist is unreadable is still listed, by folder name, with a null version and the reason in
 * the source.
 */
public final class MacSoftwareProbe implements SoftwareProbe {
    private final HostRoot root;
    private final PlistFileReader plists;

    public MacSoftwareProbe(CommandRunner runner, HostRoot root) {
        this.root = root;
        this.plists = new PlistFileReader(runner, root);
    }

    @Override
    public SoftwareInventory installed() throws ProbeException {
        if (!Files.isDirectory(root.resolve("/Applications"))) {
            throw new ProbeException("/Applications does not exist under " + root.root() + "; is this a macOS root?");
        }
        List<InstalledApp> apps = new ArrayList<>();
        scan("/System/Applications", null, true, apps);
        scan("/Applications", null, false, apps);
        for (String user : children("/Users")) {
            if (!user.equals("Shared") && !user.startsWith(".")) {
                scan("/Users/" + user + "/Applications", user, false, apps);
            }
        }
        return SoftwareInventory.complete(apps);
    }

    private void scan(String folder, String user, boolean system, List<InstalledApp> apps) throws ProbeException {
        for (String child : children(folder)) {
            String path = folder + "/" + child;
            if (child.endsWith(".app")) {
                apps.add(app(path, child, user, system));
            } else if (Files.isDirectory(root.resolve(path)) && !child.startsWith(".")) {
                for (String inner : children(path)) {
                    if (inner.endsWith(".app")) {
                        apps.add(app(path + "/" + inner, inner, user, system));
                    }
                }
            }
        }
    }

    private InstalledApp app(String bundle, String folderName, String user, boolean system) {
        String fallbackName = folderName.substring(0, folderName.length() - ".app".length());
        String infoPath = bundle + "/Contents/Info.plist";
        Map<String, Object> info;
        try {
            info = plists.readDictIfExists(infoPath);
        } catch (ProbeException e) {
            return new InstalledApp(fallbackName, null, null, system, user, bundle + " (Info.plist unreadable: "
                    + e.getMessage() + ")");
        }
        if (info == null) {
            return new InstalledApp(fallbackName, null, null, system, user, bundle + " (no Contents/Info.plist)");
        }
        String name = firstNonBlank(Plist.string(info, "CFBundleDisplayName"), Plist.string(info, "CFBundleName"),
                fallbackName);
        String bundleId = Plist.string(info, "CFBundleIdentifier");
        boolean osComponent = system || (user == null && bundleId != null && bundleId.startsWith("com.apple."));
        String publisher = bundleId != null && bundleId.startsWith("com.apple.") ? "Apple" : null;
        return new InstalledApp(name, Plist.string(info, "CFBundleShortVersionString"), publisher, osComponent, user,
                infoPath + (bundleId == null ? "" : " (" + bundleId + ")"));
    }

    private List<String> children(String folder) throws ProbeException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ProbeException("could not list " + folder + ": " + e.getMessage()
                    + "; the agent needs Full Disk Access for users' folders", e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
