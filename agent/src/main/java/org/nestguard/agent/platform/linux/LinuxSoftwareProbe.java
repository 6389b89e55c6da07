package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.SoftwareProbe;

/**
 * Desktop applications as a person sees them in the menu: visible .desktop entries for all users and per user, each
 * tied to its dpkg package, snap or flatpak for the version; plus snaps and flatpaks that have no menu entry.
 */
public final class LinuxSoftwareProbe implements SoftwareProbe {
    /** In XDG_DATA_DIRS order: an entry in /usr/local hides the same file name in /usr/share. */
    static final List<String> SYSTEM_DIRS = List.of("/usr/local/share/applications", "/usr/share/applications",
            "/var/lib/snapd/desktop/applications", "/var/lib/flatpak/exports/share/applications");
    /** Snap types that are the system itself rather than an application. */
    static final Set<String> SYSTEM_SNAP_TYPES = Set.of("base", "os", "core", "snapd", "kernel", "gadget");

    private final HostRoot root;

    public LinuxSoftwareProbe(HostRoot root) {
        this.root = root;
    }

    @Override
    public SoftwareInventory installed() throws ProbeException {
        DpkgStatus dpkg = DpkgStatus.parse(root.readIfExists("/var/lib/dpkg/status").orElse(""));
        Map<String, String> owners = desktopFileOwners();
        List<InstalledApp> apps = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        Set<String> snapsWithEntries = new HashSet<>();
        Set<String> flatpaksWithEntries = new HashSet<>();

        for (String dir : SYSTEM_DIRS) {
            for (Path file : desktopFiles(root.resolve(dir))) {
                String id = file.getFileName().toString();
                String path = dir + "/" + id;
                if (!seenIds.add(id)) {
                    continue;
                }
                Optional<DesktopEntry> entry = DesktopEntry.parse(root.read(path));
                if (entry.isEmpty() || !entry.get().shown()) {
                    continue;
                }
                apps.add(systemApp(entry.get(), path, dpkg, owners, snapsWithEntries, flatpaksWithEntries));
            }
        }
        for (PasswdFile.Entry user : new LocalUsers(root).desktopUsers()) {
            for (String dir : List.of(user.home() + "/.local/share/applications",
                    user.home() + "/.local/share/flatpak/exports/share/applications")) {
                for (Path file : desktopFiles(root.resolve(dir))) {
                    String path = dir + "/" + file.getFileName();
                    Optional<DesktopEntry> entry;
                    try {
                        entry = root.readUserFileIfExists(path).flatMap(DesktopEntry::parse);
                    } catch (ProbeException e) {
                        // listed under its file name, so a refused entry is seen rather than hiding an app
                        apps.add(new InstalledApp(file.getFileName().toString(), null, null, false, user.name(),
                                "desktop entry " + path + " not read: " + e.getMessage()));
                        continue;
                    }
                    if (entry.isPresent() && entry.get().shown()) {
                        apps.add(new InstalledApp(entry.get().name(), null, null, false, user.name(),
                                "desktop entry " + path + " (installed by the user)"));
                    }
                }
            }
        }
        apps.addAll(snapsWithoutEntries(snapsWithEntries));
        apps.addAll(flatpaksWithoutEntries(flatpaksWithEntries));
        return SoftwareInventory.complete(apps);
    }

    private InstalledApp systemApp(DesktopEntry entry, String path, DpkgStatus dpkg, Map<String, String> owners,
                                   Set<String> snaps, Set<String> flatpaks) throws ProbeException {
        if (entry.snapInstance() != null || path.startsWith("/var/lib/snapd/")) {
            String snap = entry.snapInstance() != null ? entry.snapInstance()
                    : Path.of(path).getFileName().toString().split("_")[0];
            snaps.add(snap);
            SnapMeta meta = snapMeta(snap);
            return new InstalledApp(entry.name(), meta.version(), null, false, null,
                    "desktop entry " + path + "; snap " + snap + " " + meta.source());
        }
        if (entry.flatpak() != null || path.startsWith("/var/lib/flatpak/")) {
            String id = entry.flatpak() != null ? entry.flatpak() : Path.of(path).getFileName().toString().replace(".desktop", "");
            flatpaks.add(id);
            return new InstalledApp(entry.name(), null, null, false, null,
                    "desktop entry " + path + "; flatpak " + id + " (version not read)");
        }
        String owner = owners.get(path);
        Optional<DpkgStatus.Package> pkg = owner == null ? Optional.empty() : dpkg.get(owner);
        if (pkg.isEmpty()) {
            return new InstalledApp(entry.name(), null, null, false, null, "desktop entry " + path
                    + (owner == null ? "; no dpkg package owns it (installed by hand)" : "; package " + owner + " not installed"));
        }
        DpkgStatus.Package p = pkg.get();
        boolean distro = DpkgStatus.fromDistribution(p);
        return new InstalledApp(entry.name(), p.version(), p.maintainer(), distro, null, "desktop entry " + path
                + "; dpkg package " + p.name() + " " + p.version() + (distro ? " (distribution maintainer)"
                : " (third-party maintainer)"));
    }

    /** Which package installed each .desktop file, from dpkg's per-package file lists. */
    private Map<String, String> desktopFileOwners() throws ProbeException {
        Map<String, String> owners = new HashMap<>();
        Path info = root.resolve("/var/lib/dpkg/info");
        if (!Files.isDirectory(info)) {
            return owners;
        }
        try {
            for (Path list : KeyFileStack.sortedFiles(info, ".list")) {
                String name = list.getFileName().toString();
                String pkg = name.substring(0, name.length() - ".list".length()).split(":")[0];
                try (Stream<String> lines = Files.lines(list)) {
                    lines.filter(l -> l.endsWith(".desktop") && l.contains("/applications/")).forEach(l -> owners.put(l, pkg));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProbeException("could not read dpkg file lists in /var/lib/dpkg/info: " + e.getMessage(), e);
        }
        return owners;
    }

    /** A snap's version and type from its meta/snap.yaml. */
    private record SnapMeta(String version, String type, String source) {
    }

    private SnapMeta snapMeta(String snap) throws ProbeException {
        String path = "/snap/" + snap + "/current/meta/snap.yaml";
        Optional<String> yaml = root.readIfExists(path);
        if (yaml.isEmpty()) {
            return new SnapMeta(null, "app", "(no " + path + ": version not read)");
        }
        String version = null;
        String type = "app";
        for (String line : yaml.get().lines().toList()) {
            if (line.startsWith("version:")) {
                version = line.substring("version:".length()).strip().replaceAll("^['\"]|['\"]$", "");
            } else if (line.startsWith("type:")) {
                type = line.substring("type:".length()).strip();
            }
        }
        return new SnapMeta(version, type, "(" + path + ")");
    }

    private List<InstalledApp> snapsWithoutEntries(Set<String> covered) throws ProbeException {
        List<InstalledApp> apps = new ArrayList<>();
        for (String snap : subdirectories("/snap")) {
            if (covered.contains(snap) || snap.equals("bin") || !root.exists("/snap/" + snap + "/current")) {
                continue;
            }
            SnapMeta meta = snapMeta(snap);
            apps.add(new InstalledApp(snap, meta.version(), null, SYSTEM_SNAP_TYPES.contains(meta.type()), null,
                    "snap " + snap + " type " + meta.type() + " " + meta.source() + ", no menu entry"));
        }
        return apps;
    }

    private List<InstalledApp> flatpaksWithoutEntries(Set<String> covered) throws ProbeException {
        List<InstalledApp> apps = new ArrayList<>();
        for (String id : subdirectories("/var/lib/flatpak/app")) {
            if (!covered.contains(id)) {
                apps.add(new InstalledApp(id, null, null, false, null, "flatpak /var/lib/flatpak/app/" + id + ", no menu entry"));
            }
        }
        return apps;
    }

    private List<String> subdirectories(String dir) throws ProbeException {
        Path path = root.resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ProbeException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The .desktop files directly in a folder (sub-folders are legacy vendor prefixes, rarely used today). */
    private static List<Path> desktopFiles(Path dir) throws ProbeException {
        try {
            return KeyFileStack.sortedFiles(dir, ".desktop");
        } catch (IOException e) {
            throw new ProbeException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }
}
