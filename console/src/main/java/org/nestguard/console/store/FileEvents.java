package org.nestguard.console.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.files.RemovableScan;
import org.nestguard.protocol.files.RemovableWrite;
import org.nestguard.protocol.wire.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the flagged-file events of a check-in into rows, inside the check-in's transaction and only for events
 * stored for the first time, so a re-sent batch adds nothing: {@code file-flag} a file flag, {@code quarantine}
 * an item or a change to one, {@code removable-write} and {@code removable-scan} their rows, {@code hold} and
 * {@code outing-readiness} the agent's answer to the hold or outing check it was sent.
 */
final class FileEvents {
    private static final Logger LOG = LoggerFactory.getLogger(FileEvents.class);

    /** Reads and checks a check-in's flagged-file payloads; call before the transaction (refusals are whole). */
    FileBatch read(List<Event> events) {
        return FileBatch.read(events);
    }

    /** Stores the flagged-file content of {@code fresh}, the events stored just now for the first time. */
    void project(Connection connection, String deviceId, String settingId, int enrolment, FileBatch batch,
                 List<Event> fresh, Instant now) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        for (Event event : fresh) {
            Object payload = batch.payload(event);
            if (payload instanceof FileFlagged flag) {
                insertFlag(connection, deviceId, settingId, enrolment, event.sequence(), flag, now);
            } else if (payload instanceof QuarantineChange change) {
                change(connection, deviceId, settingId, enrolment, event, change, now);
            } else if (payload instanceof RemovableWrite write) {
                insertWrite(connection, deviceId, settingId, write, now);
            } else if (payload instanceof RemovableScan scan) {
                insertScan(connection, deviceId, settingId, scan, now);
            } else if (payload instanceof HoldStatus status) {
                Holds.agentReported(connection, deviceId, status, now);
            } else if (payload instanceof OutingReadiness readiness) {
                Outings.answered(connection, deviceId, readiness, now);
            }
        }
    }

    private static void insertFlag(Connection connection, String deviceId, String settingId, int enrolment,
                                   long sequence, FileFlagged flag, Instant now) throws SQLException {
        String id = UUID.randomUUID().toString();
        FileFacts facts = flag.facts();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO file_flags (id, device_id, "
                + "setting_id, agent_flag_id, event_enrolment, event_sequence, path, account, account_key, "
                + "account_kind, owner, size_bytes, modified_at, file_created_at, kind, sha256, sha1, md5, matches, "
                + "agent_item_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id, agent_flag_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, flag.flagId());
            insert.setInt(5, enrolment);
            insert.setLong(6, sequence);
            int i = bindFacts(insert, 7, connection, deviceId, settingId, facts);
            insert.setString(i++, JsonText.write(flag.matches()));
            insert.setString(i++, flag.itemId());
            Millis.set(insert, i, now);
            if (insert.executeUpdate() == 0) {
                return; // sent before in another event: one flag
            }
        }
        Set<String> sources = new LinkedHashSet<>();
        for (FileRuleMatch match : flag.matches()) {
            sources.add(JsonText.name(match.source()));
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO file_flag_sources (flag_id, source) VALUES (?, ?)")) {
            for (String source : sources) {
                insert.setString(1, id);
                insert.setString(2, source);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // path, account, account_key, account_kind, owner, size, modified, created, kind, sha256, sha1, md5
    private static int bindFacts(PreparedStatement statement, int first, Connection connection, String deviceId,
                                 String settingId, FileFacts facts) throws SQLException {
        int i = first;
        statement.setString(i++, facts.path());
        statement.setString(i++, facts.account());
        statement.setString(i++, facts.account() == null ? null : Person.accountKey(facts.account()));
        statement.setString(i++, VisibleTo.kindId(FileAccountKind.of(connection, deviceId, settingId, facts)));
        statement.setString(i++, facts.owner());
        statement.setLong(i++, facts.size());
        Millis.set(statement, i++, facts.modified());
        Millis.set(statement, i++, facts.created());
        statement.setString(i++, JsonText.name(facts.kind()));
        statement.setString(i++, facts.sha256());
        statement.setString(i++, facts.sha1());
        statement.setString(i++, facts.md5());
        return i;
    }

    private static void change(Connection connection, String deviceId, String settingId, int enrolment,
                               Event event, QuarantineChange change, Instant now) throws SQLException {
        if (change.action() == QuarantineChange.Action.ISOLATED) {
            insertItem(connection, deviceId, settingId, enrolment, event.sequence(), change, now);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine_changes (id, device_id, "
                + "agent_item_id, action, command_id, detail, recorded_at, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, deviceId);
            insert.setString(3, change.itemId());
            insert.setString(4, JsonText.name(change.action()));
            insert.setString(5, change.commandId());
            insert.setString(6, change.detail());
            Millis.set(insert, 7, event.recordedAt());
            Millis.set(insert, 8, now);
            insert.executeUpdate();
        }
        switch (change.action()) {
            case RELEASED -> settle(connection, deviceId, change.itemId(), QuarantineItemState.RELEASED, false);
            case DESTROYED -> {
                settle(connection, deviceId, change.itemId(), QuarantineItemState.DESTROYED, true);
                forgetWrappedKey(connection, deviceId, change.itemId());
            }
            case ISOLATION_FAILED -> LOG.info("Device {} could not isolate item {}; the DSL reads why in its "
                    + "quarantine record", deviceId, change.itemId());
            default -> {
                // isolated (stored above), evidence exported and recovered are records in the item's custody
            }
        }
    }

    private static void insertItem(Connection connection, String deviceId, String settingId, int enrolment,
                                   long sequence, QuarantineChange change, Instant now) throws SQLException {
        QuarantineItem item = change.item();
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine_items (id, device_id, "
                + "setting_id, agent_item_id, event_enrolment, event_sequence, path, account, account_key, "
                + "account_kind, owner, size_bytes, modified_at, file_created_at, kind, sha256, sha1, md5, matches, "
                + "isolated_at, wrapped_key, evidence_key_fingerprint, vault_bytes, state, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id, agent_item_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, item.itemId());
            insert.setInt(5, enrolment);
            insert.setLong(6, sequence);
            int i = bindFacts(insert, 7, connection, deviceId, settingId, item.facts());
            insert.setString(i++, JsonText.write(item.matches()));
            Millis.set(insert, i++, item.isolatedAt());
            insert.setString(i++, item.wrappedKey());
            insert.setString(i++, item.evidenceKeyFingerprint());
            insert.setLong(i++, item.vaultBytes());
            insert.setString(i++, QuarantineItemState.ISOLATED.id());
            Millis.set(insert, i, now);
            if (insert.executeUpdate() == 0) {
                return;
            }
        }
        if (change.commandId() != null) {
            linkIsolateDecision(connection, deviceId, change.commandId(), id);
        }
    }

    // The DSL's isolate request now has its item: its decision joins the item's custody. A request by hash can
    // isolate several files; each item after the first gets its own copy of the one decision (same who, when, why).
    private static void linkIsolateDecision(Connection connection, String deviceId, String commandId, String itemId)
            throws SQLException {
        try (PreparedStatement link = connection.prepareStatement("UPDATE file_decisions SET item_id = ? "
                + "WHERE command_id = ? AND device_id = ? AND decision = ? AND item_id IS NULL")) {
            link.setString(1, itemId);
            link.setString(2, commandId);
            link.setString(3, deviceId);
            link.setString(4, QuarantineItems.ISOLATE);
            if (link.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement copy = connection.prepareStatement("INSERT INTO file_decisions (id, device_id, "
                + "setting_id, item_id, decision, at, by_id, by_name, justification, police_reference, detail, "
                + "command_id) SELECT ?, device_id, setting_id, ?, decision, at, by_id, by_name, justification, "
                + "police_reference, detail, command_id FROM file_decisions WHERE id = (SELECT MIN(id) FROM "
                + "file_decisions WHERE command_id = ? AND device_id = ? AND decision = ?)")) {
            copy.setString(1, UUID.randomUUID().toString());
            copy.setString(2, itemId);
            copy.setString(3, commandId);
            copy.setString(4, deviceId);
            copy.setString(5, QuarantineItems.ISOLATE);
            copy.executeUpdate();
        }
    }

    private static void settle(Connection connection, String deviceId, String agentItemId,
                               QuarantineItemState state, boolean dropKey) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE quarantine_items SET state = ?, "
                + "pending = NULL" + (dropKey ? ", wrapped_key = NULL" : "")
                + " WHERE device_id = ? AND agent_item_id = ?")) {
            update.setString(1, state.id());
            update.setString(2, deviceId);
            update.setString(3, agentItemId);
            if (update.executeUpdate() == 0) {
                LOG.warn("Device {} reported {} for item {}, which the console never heard was isolated",
                        deviceId, state.id(), agentItemId);
            }
        }
    }

    // the console's copy of a destroyed item's key goes: from the item row (settle) and from the event that
    // carried the item's record, so nothing on the console could open a copy of the ciphertext later
    private static void forgetWrappedKey(Connection connection, String deviceId, String agentItemId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT e.enrolment, e.sequence, e.payload "
                + "FROM events e JOIN quarantine_items q ON q.device_id = e.device_id "
                + "AND q.event_enrolment = e.enrolment AND q.event_sequence = e.sequence "
                + "WHERE q.device_id = ? AND q.agent_item_id = ?")) {
            select.setString(1, deviceId);
            select.setString(2, agentItemId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                ObjectNode payload = (ObjectNode) JsonText.read(row.getString(3));
                if (payload.get("item") instanceof ObjectNode item) {
                    item.remove("wrappedKey");
                    item.put("wrappedKeyDestroyed", true);
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE events SET payload = ? WHERE device_id = ? AND enrolment = ? AND sequence = ?")) {
                    update.setString(1, JsonText.write(payload));
                    update.setString(2, deviceId);
                    update.setInt(3, row.getInt(1));
                    update.setLong(4, row.getLong(2));
                    update.executeUpdate();
                }
            }
        }
    }

    private static void insertWrite(Connection connection, String deviceId, String settingId, RemovableWrite write,
                                    Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO removable_writes (id, device_id, "
                + "setting_id, volume_id, volume, images, videos, documents, total_bytes, names, names_omitted, "
                + "first_written, last_written, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, write.volume().id());
            insert.setString(5, JsonText.write(write.volume()));
            insert.setInt(6, write.images());
            insert.setInt(7, write.videos());
            insert.setInt(8, write.documents());
            insert.setLong(9, write.bytes());
            insert.setString(10, JsonText.write(write.names()));
            insert.setInt(11, write.namesOmitted());
            Millis.set(insert, 12, write.firstWritten());
            Millis.set(insert, 13, write.lastWritten());
            Millis.set(insert, 14, now);
            insert.executeUpdate();
        }
    }

    private static void insertScan(Connection connection, String deviceId, String settingId, RemovableScan scan,
                                   Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO removable_scans (id, device_id, "
                + "setting_id, volume_id, volume, scanner, outcome, threats, detail, started_at, finished_at, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, scan.volume().id());
            insert.setString(5, JsonText.write(scan.volume()));
            insert.setString(6, scan.scanner());
            insert.setString(7, JsonText.name(scan.outcome()));
            insert.setString(8, JsonText.write(scan.threats()));
            insert.setString(9, scan.detail());
            Millis.set(insert, 10, scan.started());
            Millis.set(insert, 11, scan.finished());
            Millis.set(insert, 12, now);
            insert.executeUpdate();
        }
    }
}
