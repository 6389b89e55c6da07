package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UpdateProbe;

/**
 * The release from os-release(5); pending updates from a simulated {@code apt-get dist-upgrade} on Debian and Ubuntu,
 * or dnf's cached lists on Fedora and RHEL.
 */
public final class LinuxUpdateProbe implements UpdateProbe {
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(2);
    /** dnf 4 and dnf 5 keep one folder per repository here, each with the repomd.xml it last downloaded. */
    static final List<String> DNF_CACHES = List.of("/var/cache/dnf", "/var/cache/libdnf5");

    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;
    private volatile AptAnswer lastAnswer;

    public LinuxUpdateProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** @param liveSystem whether commands describe the inspected system (tests pair a fake tree with fake commands) */
    LinuxUpdateProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
    }

    @Override
    public OsRelease release() throws ProbeException {
        String path = root.exists("/etc/os-release") ? "/etc/os-release" : "/usr/lib/os-release";
        if (!root.exists(path)) {
            throw new ProbeException("neither /etc/os-release nor /usr/lib/os-release exists under " + root.root());
        }
        ShellAssignments values = ShellAssignments.parse(root.read(path));
        // os-release(5): ID defaults to "linux"; VERSION_ID is absent on rolling releases and Debian testing/sid.
        String family = values.get("ID").orElse("linux").toLowerCase(Locale.ROOT);
        String name = values.get("PRETTY_NAME").or(() -> values.get("NAME")).orElse(null);
        String version = values.get("VERSION_ID").orElse(null);
        String source = path + " ID=" + family + " VERSION_ID=" + (version == null ? "(missing)" : version)
                + (values.problems().isEmpty() ? "" : "; unparsed lines: " + values.problems());
        return new OsRelease(family, name, version, null, source);
    }

    @Override
    public PendingUpdates pending() throws ProbeException {
        OsRelease release = release();
        String like = ShellAssignments.parse(root.readIfExists("/etc/os-release").orElse("")).get("ID_LIKE").orElse("");
        boolean apt = release.family().equals("debian") || release.family().equals("ubuntu") || like.contains("debian")
                || like.contains("ubuntu");
        boolean dnf = !apt && (like.contains("fedora") || like.contains("rhel") || release.family().equals("fedora")
                || release.family().equals("rhel"));
        if (!apt && !dnf) {
            throw new ProbeException("pending updates are read with apt or dnf only; " + release.family()
                    + " (ID_LIKE=" + like + ") is not supported yet");
        }
        if (!liveSystem) {
            throw new ProbeException("pending updates come from " + (apt ? "apt-get" : "dnf") + " on the running system; "
                    + "they cannot be read from the files of " + root.root());
        }
        if (dnf) {
            Optional<Instant> refreshed = dnfMetadataRefreshed();
            return new PendingUpdates(dnfPending(), refreshed.orElse(null), refreshed.isPresent()
                    ? "newest repodata/repomd.xml in " + String.join(" or ", DNF_CACHES)
                    : "no repodata/repomd.xml in " + String.join(" or ", DNF_CACHES) + ": dnf's metadata was never fetched "
                    + "or the cache was cleaned; run 'dnf makecache'");
        }
        // apt's answer changes only when the installed packages or the package lists do; the simulation costs about two
        // seconds, so a running agent re-asks only when one of them has changed.
        String aptState = aptState();
        AptAnswer last = lastAnswer;
        if (last != null && aptState != null && aptState.equals(last.state())) {
            return last.updates();
        }
        PendingUpdates updates = new PendingUpdates(aptPending(), listsRefreshed().orElse(null),
                "newest Release file in /var/lib/apt/lists");
        lastAnswer = aptState == null ? null : new AptAnswer(aptState, updates);
        return updates;
    }

    /** The pending list apt gave for one state of the installed packages and package lists. */
    private record AptAnswer(String state, PendingUpdates updates) {
    }

    /** The modification times apt's answer depends on, or null when they cannot be read (then never cached). */
    private String aptState() {
        Optional<Instant> status = modified(root.resolve("/var/lib/dpkg/status"));
        Path lists = root.resolve("/var/lib/apt/lists");
        try (Stream<Path> files = Files.list(lists)) {
            Optional<Instant> newest = files.map(LinuxUpdateProbe::modified).flatMap(Optional::stream)
                    .max(Instant::compareTo);
            if (status.isEmpty()) {
                return null;
            }
            return status.get() + "|" + newest.map(Instant::toString).orElse("no lists") + "|"
                    + modified(lists).map(Instant::toString).orElse("");
        } catch (IOException e) {
            return null;
        }
    }

    private List<PendingUpdate> aptPending() throws ProbeException {
        // dist-upgrade, not upgrade: updates that need a new dependency (kernels) are held back by upgrade but pending all the same.
        List<String> command = List.of("apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade");
        CommandResult result = runner.run(command, APT_TIMEOUT);
        if (!result.succeeded()) {
            throw new ProbeException("'" + result.commandLine() + "' failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        AptSimulation simulation = AptSimulation.parse(result.stdout());
        if (!simulation.problems().isEmpty()) {
            throw new ProbeException("could not understand apt-get output: " + String.join("; ", simulation.problems()));
        }
        String lists = listsAge();
        List<PendingUpdate> updates = new ArrayList<>();
        for (AptSimulation.Upgrade upgrade : simulation.upgrades()) {
            // apt records no publish time; the lists' mtime is when we learnt of the whole archive state, not of this update
            updates.add(new PendingUpdate(upgrade.name(), upgrade.candidate(), upgrade.security(), null,
                    result.commandLine() + ": installed " + upgrade.installed() + ", offered by " + upgrade.origins() + "; " + lists));
        }
        return updates;
    }

    /** dnf from its cache only (no network, no lock): exit 100 means updates are listed, 0 means none. */
    private List<PendingUpdate> dnfPending() throws ProbeException {
        CommandResult available = runner.run(List.of("dnf", "-q", "--cacheonly", "check-update"), APT_TIMEOUT);
        if (available.exitCode() != 0 && available.exitCode() != 100) {
            throw new ProbeException("'" + available.commandLine() + "' failed (exit " + available.exitCode() + "): "
                    + available.stderr().strip());
        }
        CommandResult security = runner.run(List.of("dnf", "-q", "--cacheonly", "updateinfo", "list", "--security"),
                APT_TIMEOUT);
        if (!security.succeeded()) {
            // Without advisories every update would look like a non-security one and the control would pass unseen.
            throw new ProbeException("'" + security.commandLine() + "' failed (exit " + security.exitCode()
                    + "), so security updates cannot be told from others: " + security.stderr().strip());
        }
        java.util.Set<String> securityNames = DnfUpdates.parseSecurityNames(security.stdout());
        String securityNote = "security from '" + security.commandLine() + "'";
        List<PendingUpdate> updates = new ArrayList<>();
        for (DnfUpdates.Available update : DnfUpdates.parseCheckUpdate(available.stdout())) {
            updates.add(new PendingUpdate(update.name(), update.version(), securityNames.contains(update.name()), null,
                    available.commandLine() + ": " + update.name() + "." + update.arch() + " from " + update.repository()
                            + "; " + securityNote + " (dnf cache, no publish date)"));
        }
        return updates;
    }

    /** When the package lists were last refreshed: a pending list is only as new as they are. */
    private String listsAge() {
        return listsRefreshed().map(t -> "package lists last refreshed " + t + " (no publish dates in apt)")
                .orElse("no readable Release files in /var/lib/apt/lists: apt has never been updated");
    }

    private Optional<Instant> listsRefreshed() {
        try (Stream<Path> files = Files.list(root.resolve("/var/lib/apt/lists"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("Release"))
                    .map(LinuxUpdateProbe::modified).flatMap(Optional::stream).max(Instant::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** When dnf last fetched repository metadata: repomd.xml is rewritten on every refresh that finds it changed. */
    private Optional<Instant> dnfMetadataRefreshed() {
        Optional<Instant> newest = Optional.empty();
        for (String cache : DNF_CACHES) {
            try (Stream<Path> repos = Files.list(root.resolve(cache))) {
                Optional<Instant> here = repos.map(repo -> repo.resolve("repodata/repomd.xml")).filter(Files::isRegularFile)
                        .map(LinuxUpdateProbe::modified).flatMap(Optional::stream).max(Instant::compareTo);
                if (here.isPresent() && (newest.isEmpty() || here.get().isAfter(newest.get()))) {
                    newest = here;
                }
            } catch (IOException e) {
                // no such cache (dnf 4 and 5 use different folders): the other one may have it
            }
        }
        return newest;
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
