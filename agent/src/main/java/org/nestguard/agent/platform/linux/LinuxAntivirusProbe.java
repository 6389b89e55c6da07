package org.nestguard.agent.platform.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nestguard.agent.platform.AntivirusProbe;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * ClamAV, the antivirus Debian and Ubuntu package: installed when its programs are there, enabled when clamd runs
 * (or is enabled, offline), on-access when clamonacc does, signature date from the database file headers.
 */
public final class LinuxAntivirusProbe implements AntivirusProbe {
    private static final List<String> PROGRAMS = List.of("/usr/sbin/clamd", "/usr/bin/clamscan", "/usr/bin/clamdscan",
            "/usr/bin/freshclam");
    /** Daily holds the newest signatures; .cld is the form freshclam keeps after applying incremental updates. */
    private static final List<String> DATABASES = List.of("/var/lib/clamav/daily.cld", "/var/lib/clamav/daily.cvd",
            "/var/lib/clamav/main.cld", "/var/lib/clamav/main.cvd");

    private final HostRoot root;
    private final SystemdUnits units;

    public LinuxAntivirusProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** @param liveSystem whether commands describe the inspected system (tests pair a fake tree with fake commands) */
    LinuxAntivirusProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.units = new SystemdUnits(root, runner, liveSystem);
    }

    @Override
    public List<AntivirusProduct> products() throws ProbeException {
        List<String> found = PROGRAMS.stream().filter(root::exists).toList();
        if (found.isEmpty()) {
            return List.of(); // no product: the check reports that, not this probe
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("found " + String.join(", ", found));
        SystemdUnits.UnitState daemon = units.state("clamav-daemon.service");
        SystemdUnits.UnitState freshclam = units.state("clamav-freshclam.service");
        SystemdUnits.UnitState onAccess = units.state("clamav-clamonacc.service");
        evidence.add(daemon.evidence());
        evidence.add(freshclam.evidence());
        evidence.add(onAccess.evidence());
        // ClamAV scans on access only through clamonacc; without it the daemon scans on demand, by design.
        AntivirusProduct.RealTime realTime = daemon.on() == null || onAccess.on() == null
                ? AntivirusProduct.RealTime.UNREADABLE
                : daemon.on() && onAccess.on() ? AntivirusProduct.RealTime.ON : AntivirusProduct.RealTime.ON_DEMAND_ONLY;

        CvdHeader newest = null;
        String newestFile = null;
        for (String database : DATABASES) {
            Path file = root.resolve(database);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                CvdHeader header = CvdHeader.parse(readHeader(file));
                if (database.contains("daily") && (newest == null || header.built().isAfter(newest.built()))) {
                    newest = header;
                    newestFile = database;
                }
                evidence.add(database + " built " + header.built() + " version " + header.version());
            } catch (IllegalArgumentException | IOException e) {
                evidence.add(database + " header not readable: " + e.getMessage());
            }
        }
        if (newestFile == null) {
            evidence.add("no readable daily database in /var/lib/clamav: signature date unknown");
        }
        return List.of(new AntivirusProduct("ClamAV", daemon.on(), realTime, newest == null ? null : newest.built(), null,
                newest == null ? null : "daily " + newest.version(), String.join("; ", evidence)));
    }

    private static byte[] readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(CvdHeader.SIZE);
        }
    }
}
