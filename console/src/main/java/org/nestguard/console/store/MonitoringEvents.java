package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.HistoryRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.wire.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the monitoring events of a check-in into rows, inside the check-in's transaction and only for events
 * stored for the first time, so a re-sent batch adds nothing: {@code history-visits} become visits,
 * {@code flag} a flag with its categories (or the answer to a self-test), {@code history-notice} a notice.
 *
 * <p>A flagged visit is also stored as a visit when the setting uploads all history, so history search shows it;
 * its id is the same as the copy in a history batch (see {@link VisitKey}), so it is one row whichever arrives
 * first. With upload: flagged it stays only inside its flag, as the policy keeps unflagged browsing on the device.
 */
final class MonitoringEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringEvents.class);

    // the setting's current policy version and whether it uploads all history, so a check-in carrying a flag
    // parses the policy only when it changed
    private final Map<String, UploadRule> uploadRules = new ConcurrentHashMap<>();

    /** Reads and checks a check-in's monitoring payloads; call before the transaction (refusals are whole). */
    MonitoringBatch read(List<Event> events) {
        return MonitoringBatch.read(events);
    }

    /** Stores the monitoring content of {@code fresh}, the events of the batch stored just now for the first time. */
    void project(Connection connection, String deviceId, String settingId, int enrolment,
                        MonitoringBatch batch, List<Event> fresh, Instant now) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<Visit> visits = new ArrayList<>();
        List<HistoryNotice> notices = new ArrayList<>();
        for (Event event : fresh) {
            Object payload = batch.payload(event);
            if (payload instanceof HistoryVisits history) {
                visits.addAll(history.visits());
            } else if (payload instanceof FlagRaised flag) {
                if (SelfTests.answer(connection, deviceId, flag, now)) {
                    continue;
                }
                if (flag.selfTestId() != null) {
                    LOG.warn("Device {} sent a flag for self-test {}, which it was not asked to run; it goes to the "
                            + "flag queue like any other flag", deviceId, flag.selfTestId());
                }
                insertFlag(connection, deviceId, settingId, enrolment, event.sequence(), flag, now);
                if (uploadsAll(connection, settingId)) {
                    visits.add(flag.visit());
                }
            } else if (payload instanceof HistoryNotice notice) {
                notices.add(notice);
            }
        }
        insertVisits(connection, deviceId, settingId, visits, now);
        for (HistoryNotice notice : notices) {
            insertNotice(connection, deviceId, settingId, notice, now);
        }
    }

    private static void insertVisits(Connection connection, String deviceId, String settingId, List<Visit> visits,
                                     Instant now) throws SQLException {
        List<Visit> kept = new ArrayList<>();
        for (Visit visit : visits) {
            // the self-test's canary proves itself in the self-test log; it is nobody's browsing
            if (!SelfTest.HOST.equals(UrlHost.of(visit.url()))) {
                kept.add(visit);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO visits (id, device_id, setting_id, "
                + "visited_at, url, host, title, browser, profile, account, account_key, account_kind, transition, "
                + "search_terms, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO NOTHING")) {
            for (Visit visit : kept) {
                String id = VisitKey.of(deviceId, visit);
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, deviceId);
                insert.setString(3, settingId);
                Millis.set(insert, 4, visit.time());
                insert.setString(5, visit.url());
                insert.setString(6, UrlHost.of(visit.url()));
                insert.setString(7, visit.title());
                insert.setString(8, visit.browser());
                insert.setString(9, visit.profile());
                insert.setString(10, visit.account());
                insert.setString(11, Person.accountKey(visit.account()));
                insert.setString(12, VisibleTo.kindId(visit.accountKind()));
                insert.setString(13, visit.transition());
                insert.setString(14, visit.searchTerms());
                Millis.set(insert, 15, now);
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO visit_domains (domain, visited_at, "
                + "visit_id) VALUES (?, ?, ?) ON CONFLICT (domain, visit_id) DO NOTHING")) {
            boolean any = false;
            for (int i = 0; i < kept.size(); i++) {
                if (!inserted(counts[i])) {
                    continue;
                }
                Visit visit = kept.get(i);
                for (String domain : UrlHost.domains(UrlHost.of(visit.url()))) {
                    insert.setString(1, domain);
                    Millis.set(insert, 2, visit.time());
                    insert.setString(3, ids.get(i));
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static boolean inserted(int count) {
        if (count < 0) {
            // a driver that batches without counts would make re-sent visits indistinguishable from new ones
            throw new StoreException("The database driver did not say which visits were new (batch count "
                    + count + "); the console cannot store history exactly once with this driver setting");
        }
        return count > 0;
    }

    private static void insertFlag(Connection connection, String deviceId, String settingId, int enrolment,
                                   long sequence, FlagRaised flag, Instant now) throws SQLException {
        String id = UUID.randomUUID().toString();
        Visit visit = flag.visit();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flags (id, device_id, setting_id, "
                + "agent_flag_id, event_enrolment, event_sequence, visit_id, visited_at, host, account_key, "
                + "account_kind, visit, severity, severity_rank, reasons, context_before, context_after, state, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id, agent_flag_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, flag.flagId());
            insert.setInt(5, enrolment);
            insert.setLong(6, sequence);
            insert.setString(7, VisitKey.of(deviceId, visit));
            Millis.set(insert, 8, visit.time());
            insert.setString(9, UrlHost.of(visit.url()));
            insert.setString(10, Person.accountKey(visit.account()));
            insert.setString(11, VisibleTo.kindId(visit.accountKind()));
            insert.setString(12, JsonText.write(visit));
            insert.setString(13, FlagSummary.severityId(flag.severity()));
            insert.setInt(14, flag.severity().ordinal() + 1);
            insert.setString(15, JsonText.write(flag.flags()));
            insert.setString(16, JsonText.write(flag.before()));
            insert.setString(17, JsonText.write(flag.after()));
            insert.setString(18, FlagState.NEW.id());
            Millis.set(insert, 19, now);
            if (insert.executeUpdate() == 0) {
                // the agent sent this flag id before in another event (a retry after re-imaging, say): one flag
                return;
            }
        }
        Set<String> categories = new LinkedHashSet<>();
        for (Flag reason : flag.flags()) {
            categories.add(reason.category());
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO flag_categories (flag_id, category) VALUES (?, ?)")) {
            for (String category : categories) {
                insert.setString(1, id);
                insert.setString(2, category);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertNotice(Connection connection, String deviceId, String settingId, HistoryNotice notice,
                                     Instant now) throws SQLException {
        String accountKey = Person.accountKey(notice.account());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO history_notices (id, device_id, "
                + "setting_id, kind, browser, profile, account, account_key, account_kind, noticed_at, detail, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, StoredNotice.kindId(notice.kind()));
            insert.setString(5, notice.browser());
            insert.setString(6, notice.profile());
            insert.setString(7, notice.account());
            insert.setString(8, accountKey);
            insert.setString(9, accountKind(connection, deviceId, accountKey));
            Millis.set(insert, 10, notice.noticed());
            insert.setString(11, notice.detail());
            Millis.set(insert, 12, now);
            insert.executeUpdate();
        }
    }

    // the notice record names no account kind: the kind of the account's newest visit or flag on the device
    static String accountKind(Connection connection, String deviceId, String accountKey)
            throws SQLException {
        for (String table : new String[] {"visits", "flags"}) {
            try (PreparedStatement query = connection.prepareStatement("SELECT account_kind FROM " + table
                    + " WHERE device_id = ? AND account_key = ? ORDER BY visited_at DESC LIMIT 1")) {
                query.setString(1, deviceId);
                query.setString(2, accountKey);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getString(1);
                    }
                }
            }
        }
        return null;
    }

    private boolean uploadsAll(Connection connection, String settingId) throws SQLException {
        int version;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT policy_version FROM settings WHERE id = ?")) {
            query.setString(1, settingId);
            try (ResultSet row = query.executeQuery()) {
                version = row.next() ? row.getInt(1) : 0;
            }
        }
        UploadRule cached = uploadRules.get(settingId);
        if (cached != null && cached.version() == version) {
            return cached.all();
        }
        boolean all = false;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT yaml FROM policy_versions WHERE setting_id = ? AND version = ?")) {
            query.setString(1, settingId);
            query.setInt(2, version);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    all = uploadsAll(settingId, version, row.getString(1));
                }
            }
        }
        uploadRules.put(settingId, new UploadRule(version, all));
        return all;
    }

    private static boolean uploadsAll(String settingId, int version, String yaml) {
        try {
            Policy policy = new PolicyLoader().parse(settingId + " policy v" + version, yaml);
            HistoryRule rule = policy.monitoring() == null ? null : policy.monitoring().history();
            return rule != null && rule.upload() == HistoryRule.Upload.ALL;
        } catch (PolicyException e) {
            // stored policies were validated on the way in; the flag itself is stored whatever this says
            LOG.warn("The stored policy v{} of setting {} no longer parses ({}); flagged visits are kept in their "
                    + "flags only", version, settingId, e.getMessage());
            return false;
        }
    }

    private record UploadRule(int version, boolean all) {
    }
}
