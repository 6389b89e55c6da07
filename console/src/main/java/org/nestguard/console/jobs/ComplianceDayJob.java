package org.nestguard.console.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.nestguard.console.compliance.ControlStatus;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.store.ComplianceDay;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Events;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily compliance record the dashboard's trend is drawn from: today's counts per setting and control
 * from the devices' latest results, and any of the past {@value #DAYS} days not yet recorded rebuilt from the
 * check results still stored (a day counts each device's newest result recorded by its end), each day tried once
 * per start. {@code serve} runs it at start and then hourly; the dashboard shows today from the results as they are.
 */
public final class ComplianceDayJob implements Runnable {
    /** How many days the trend shows, today included. */
    public static final int DAYS = 30;
    /** The schools' calendar: a day is a day in England. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceDayJob.class);

    private final Settings settings;
    private final Fleets fleets;
    private final Devices devices;
    private final Events events;
    private final ComplianceDays days;
    private final Clock clock;
    private final Map<String, LocalDate> triedThrough = new ConcurrentHashMap<>();

    public ComplianceDayJob(Settings settings, Fleets fleets, Devices devices, Events events, ComplianceDays days,
                            Clock clock) {
        this.settings = settings;
        this.fleets = fleets;
        this.devices = devices;
        this.events = events;
        this.days = days;
        this.clock = clock;
    }

    /** Today in the schools' calendar. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** One pass over every setting: the missing past days, then today. Returns how many past days were rebuilt. */
    public int runOnce() {
        int rebuilt = 0;
        for (Setting setting : settings.list()) {
            rebuilt += backfill(setting.id());
            days.record(setting.id(), fleets.compliance(setting.id()).day(today()));
        }
        return rebuilt;
    }

    /**
     * Rebuilds the setting's past days (of the last {@value #DAYS}) that have no record, from its stored check
     * results in one pass over them; returns how many days it recorded (a day on which no device had reported
     * anything yet has nothing to record).
     */
    public int backfill(String settingId) {
        LocalDate today = today();
        LocalDate first = today.minusDays(DAYS - 1);
        Set<LocalDate> held = days.held(settingId, first, today.minusDays(1));
        LocalDate tried = triedThrough.get(settingId);
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            if (!held.contains(day) && (tried == null || day.isAfter(tried))) {
                missing.add(day);
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        // a day before any stored result stays without a record: remember it was tried, or every hourly run would
        // read the setting's stored results again to find nothing new
        triedThrough.put(settingId, today.minusDays(1));
        List<Device> enrolled = devices.inSetting(settingId);
        Replay replay = new Replay(enrolled);
        List<ComplianceDay> rebuilt = new ArrayList<>();
        int[] next = {0};
        events.eachCheckResult(settingId, start(today), event -> {
            LocalDate day = LocalDate.ofInstant(event.recordedAt(), ZONE);
            while (next[0] < missing.size() && missing.get(next[0]).isBefore(day)) {
                rebuilt.addAll(replay.dayEnding(missing.get(next[0]++)));
            }
            replay.note(event.deviceId(), event.control(), ControlStatus.of(event.payload().path("status")
                    .asText(null)));
        });
        while (next[0] < missing.size()) {
            rebuilt.addAll(replay.dayEnding(missing.get(next[0]++)));
        }
        days.record(settingId, rebuilt);
        return (int) rebuilt.stream().map(ComplianceDay::day).distinct().count();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** {@link #runOnce()} for a scheduler: a failure is logged, and the next run tries again. */
    @Override
    public void run() {
        try {
            int rebuilt = runOnce();
            if (rebuilt > 0) {
                LOG.info("Compliance trend: rebuilt {} past day(s) from stored check results", rebuilt);
            }
        } catch (RuntimeException e) {
            LOG.error("The compliance trend could not be recorded; the next run tries again", e);
        }
    }

    /** The devices' statuses as their results are replayed in time order. */
    private static final class Replay {
        private final List<Device> devices;
        private final Map<String, Map<String, ControlStatus>> statuses = new HashMap<>();
        private final Set<String> controls = new TreeSet<>();

        Replay(List<Device> devices) {
            this.devices = devices;
        }

        void note(String deviceId, String control, ControlStatus status) {
            statuses.computeIfAbsent(deviceId, id -> new HashMap<>()).put(control, status);
            controls.add(control);
        }

        /** The day's counts as they stood at its end, over the devices enrolled by then. */
        List<ComplianceDay> dayEnding(LocalDate day) {
            Instant end = start(day.plusDays(1));
            List<ComplianceDay> counts = new ArrayList<>();
            for (String control : controls) {
                Map<ControlStatus, Integer> byStatus = new EnumMap<>(ControlStatus.class);
                for (Device device : devices) {
                    if (!device.enrolledAt().isBefore(end)) {
                        continue;
                    }
                    ControlStatus status = statuses.getOrDefault(device.id(), Map.of()).getOrDefault(control,
                            ControlStatus.UNKNOWN);
                    byStatus.merge(status, 1, Integer::sum);
                }
                counts.add(new ComplianceDay(day, control, byStatus.getOrDefault(ControlStatus.PASSING, 0),
                        byStatus.getOrDefault(ControlStatus.FAILING, 0),
                        byStatus.getOrDefault(ControlStatus.UNKNOWN, 0),
                        byStatus.getOrDefault(ControlStatus.NOT_APPLICABLE, 0)));
            }
            return counts;
        }
    }
}
