package org.nestguard.console.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.console.store.Purge;
import org.nestguard.console.store.Retention;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes monitoring records past the retention their setting's current policy gives
 * ({@code monitoring.history.keepVisits} for unflagged visits, {@code keepFlags} for flags, their review history
 * and history notices), blanks the uploaded events that carried them, and logs every purge. Escalated flags are
 * never deleted: they are a concern's evidence until the case is closed. A setting whose policy has no history
 * rule has nothing deleted; its records are kept and {@code GET /api/v1/alerts} says the policy does not cover
 * them. {@code serve} runs it at start and then hourly; tests call {@link #runOnce()} with their own clock.
 */
public final class RetentionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Settings settings;
    private final Retention retention;
    private final Clock clock;

    public RetentionJob(Settings settings, Retention retention, Clock clock) {
        this.settings = settings;
        this.retention = retention;
        this.clock = clock;
    }

    /** One pass over every setting; returns the purges it logged (only those that deleted something). */
    public List<Purge> runOnce() {
        Instant now = clock.instant();
        List<Purge> purges = new ArrayList<>();
        for (Setting setting : settings.list()) {
            Optional<HistoryRule> rule = historyRule(setting.id());
            if (rule.isEmpty()) {
                continue;
            }
            String id = setting.id();
            Instant flagsCutOff = cutOff(now, rule.get().keepFlags());
            Retention.Removed flags = retention.purgeFlags(id, flagsCutOff);
            log(purges, id, Retention.FLAGS, flags.rows(), flagsCutOff);
            log(purges, id, Retention.NOTICES, retention.purgeNotices(id, flagsCutOff), flagsCutOff);
            log(purges, id, Retention.EVENTS, flags.eventsBlanked()
                    + retention.blankEvents(id, FlagRaised.TYPE, flagsCutOff)
                    + retention.blankEvents(id, HistoryNotice.TYPE, flagsCutOff), flagsCutOff);
            if (rule.get().keepVisits() != null) {
                // after the flags: a visit whose flag just went is unflagged now and goes by keepVisits
                Instant visitsCutOff = cutOff(now, rule.get().keepVisits());
                log(purges, id, Retention.VISITS, retention.purgeVisits(id, visitsCutOff), visitsCutOff);
                log(purges, id, Retention.EVENTS, retention.blankEvents(id, HistoryVisits.TYPE, visitsCutOff),
                        visitsCutOff);
            }
        }
        return purges;
    }

    /** {@link #runOnce()} for a scheduler: a failure is logged, and the next run tries again. */
    @Override
    public void run() {
        try {
            List<Purge> purges = runOnce();
            if (!purges.isEmpty()) {
                LOG.info("Retention purged {}", purges.stream().map(p -> p.settingId() + " " + p.dataClass() + ": "
                        + p.rowsDeleted() + " before " + p.cutOff()).toList());
            }
        } catch (RuntimeException e) {
            LOG.error("The retention job failed; nothing past its retention was kept by mistake, it will be "
                    + "deleted on the next run: {}", e.getMessage(), e);
        }
    }

    private void log(List<Purge> purges, String settingId, String dataClass, long rows, Instant cutOff) {
        if (rows > 0) {
            purges.add(retention.record(settingId, dataClass, rows, cutOff));
        }
    }

    // a calendar period back from now in UTC: P6Y from 29 Feb is 28 Feb six years earlier
    static Instant cutOff(Instant now, Period keep) {
        return now.atZone(ZoneOffset.UTC).minus(keep).toInstant();
    }

    private Optional<HistoryRule> historyRule(String settingId) {
        return settings.currentPolicy(settingId).flatMap(stored -> {
            try {
                Policy policy = new PolicyLoader().parse(settingId + " policy v" + stored.version(), stored.yaml());
                return Optional.ofNullable(policy.monitoring() == null ? null : policy.monitoring().history());
            } catch (PolicyException e) {
                LOG.warn("Setting {}'s policy v{} no longer parses ({}); its monitoring records are kept until it "
                        + "does", settingId, stored.version(), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
