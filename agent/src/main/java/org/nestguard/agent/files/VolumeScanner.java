package org.nestguard.agent.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeScanReport;
import org.nestguard.agent.platform.linux.ClamscanReport;
import org.nestguard.agent.platform.windows.MpCmdRunScanReport;
import org.nestguard.protocol.files.RemovableScan;
import org.nestguard.protocol.files.Volume;

/** Asks the operating system's antivirus to scan a removable volume (001/002 §7.5: "checked ... before use"). */
@FunctionalInterface
public interface VolumeScanner {
    /** A scan of a whole stick can take long; past this it counts as failed (not checked). */
    Duration TIMEOUT = Duration.ofMinutes(30);

    RemovableScan scan(Volume volume);

    /** ClamAV's {@code clamscan -r -i --no-summary}, or NO_SCANNER when it is not installed. */
    static VolumeScanner clamscan(CommandRunner runner, Path clamscan, Clock clock) {
        return volume -> {
            Instant started = clock.instant();
            if (!Files.isExecutable(clamscan)) {
                return new RemovableScan(volume, null, RemovableScan.Outcome.NO_SCANNER, List.of(), "ClamAV's "
                        + clamscan + " is not installed, so the volume was not scanned; install clamav",
                        started, clock.instant());
            }
            List<String> command = List.of(clamscan.toString(), "-r", "-i", "--no-summary", "--",
                    volume.mountPoint());
            return run(runner, command, "clamscan", volume, started, clock,
                    r -> ClamscanReport.parse(r.exitCode(), r.stdout(), r.stderr()));
        };
    }

    /** Microsoft Defender's {@code MpCmdRun.exe -Scan -ScanType 3 -File E:\ -DisableRemediation}. */
    static VolumeScanner defender(CommandRunner runner, Path mpCmdRun, Clock clock) {
        return volume -> {
            Instant started = clock.instant();
            if (!Files.isRegularFile(mpCmdRun)) {
                return new RemovableScan(volume, null, RemovableScan.Outcome.NO_SCANNER, List.of(), mpCmdRun
                        + " is missing (Microsoft Defender removed or replaced), so the volume was not scanned",
                        started, clock.instant());
            }
            List<String> command = List.of(mpCmdRun.toString(), "-Scan", "-ScanType", "3", "-File",
                    volume.mountPoint(), "-DisableRemediation");
            return run(runner, command, "MpCmdRun.exe", volume, started, clock,
                    r -> MpCmdRunScanReport.parse(r.exitCode(), r.stdout()));
        };
    }

    /** macOS has no command-line scanner for a volume (XProtect scans files as they are opened). */
    static VolumeScanner none(String reason, Clock clock) {
        return volume -> new RemovableScan(volume, null, RemovableScan.Outcome.NO_SCANNER, List.of(), reason,
                clock.instant(), clock.instant());
    }

    private static RemovableScan run(CommandRunner runner, List<String> command, String name, Volume volume,
                                     Instant started, Clock clock,
                                     java.util.function.Function<CommandResult, VolumeScanReport> parse) {
        try {
            CommandResult result = runner.run(new ArrayList<>(command), TIMEOUT);
            VolumeScanReport report = parse.apply(result);
            return new RemovableScan(volume, name, report.outcome(), report.threats(), report.detail(), started,
                    clock.instant());
        } catch (ProbeException e) {
            return new RemovableScan(volume, name, RemovableScan.Outcome.FAILED, List.of(), name + " could not run: "
                    + e.getMessage() + "; the volume was not checked", started, clock.instant());
        }
    }
}
