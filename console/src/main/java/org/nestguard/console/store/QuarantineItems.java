package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.wire.WireJson;

/**
 * Quarantine items and the DSL's decisions on them (DESIGN §7): each decision is recorded with who, when and the
 * justification, queues its command, and is audited in the same transaction (naming the decision: the typed
 * justification stays in the decision, since it may describe what was seen); so is every read. An item the person
 * may not see (routing as for flags, {@link VisibleTo}) reads as absent. Nothing here holds or returns content,
 * and the item key is never unwrapped here: {@link #releaseKey} hands the wrapped key to the delivery of a release.
 */
public final class QuarantineItems {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final String ISOLATE = "isolate";
    static final String RELEASE = "release";
    static final String DESTROY = "destroy";
    static final String PRESERVE = "preserve";
    static final String VIEWING = "viewing";
    static final String EXPORT = "export";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ABSOLUTE = Pattern.compile("(/|[A-Za-z]:\\\\|\\\\\\\\).*");

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public QuarantineItems(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** The items the reader may see, newest first (optionally of one device or state), audited. */
    public List<QuarantineSummary> list(Person reader, String deviceIdOrNull, QuarantineItemState stateOrNull,
                                        int limit) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "q", reader, false);
        List<String> filters = new ArrayList<>();
        if (deviceIdOrNull != null) {
            where.and("q.device_id = ?", deviceIdOrNull);
            filters.add("device=" + deviceIdOrNull);
        }
        if (stateOrNull != null) {
            where.and("q.state = ?", stateOrNull.id());
            filters.add("state=" + stateOrNull.id());
        }
        filters.add("limit=" + limit);
        return database.transaction(connection -> {
            List<QuarantineSummary> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT + where.where()
                    + " ORDER BY q.isolated_at DESC, q.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(summary(row));
                    }
                }
            }
            audit.append(connection, reader, "quarantine.list", "quarantine", String.join("; ", filters)
                    + "; rows=" + items.size(), reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return items;
        });
    }

    /** The item with its custody, or empty when there is none the reader may see; audited either way. */
    public Optional<QuarantineDetail> read(Person reader, String id) {
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, reader, id);
            if (found.isEmpty()) {
                refused(connection, reader, "quarantine.read", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            QuarantineDetail detail = new QuarantineDetail(item, decisions(connection, id),
                    changes(connection, item), exports(connection, id));
            append(connection, reader, "quarantine.read", item, "metadata and custody read");
            return Optional.of(detail);
        });
    }

    /**
     * Asks the device to isolate a file by absolute path or by SHA-256 (exactly one). The decision joins the
     * item's custody when the agent reports the isolation.
     */
    public FileDecision isolate(Person by, Device device, String path, String sha256, String justification) {
        boolean byPath = path != null && !path.isBlank();
        boolean byHash = sha256 != null && !sha256.isBlank();
        if (byPath == byHash) {
            throw new IllegalArgumentException("give exactly one of path (the file's absolute path on the device) "
                    + "or sha256 (every watched file with that hash)");
        }
        String hash = byHash ? sha256.strip().toLowerCase(Locale.ROOT) : null;
        if (byHash && !SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("sha256 is '" + sha256 + "'; give the 64 hexadecimal digits of the "
                    + "file's SHA-256");
        }
        String file = byPath ? checkedPath(path) : null;
        String why = Holds.text(justification, "justification", "say why the file must be isolated");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            StoredCommand command = Commands.enqueue(connection, device.id(), FileCommands.ISOLATE,
                    json(new FileCommands.IsolateOrder(file, hash, "requested at the console by " + by.name())),
                    now);
            FileDecision decision = decide(connection, by, device.id(), device.settingId(), null, ISOLATE, why,
                    null, byPath ? "path" : "sha256 " + hash, command.id(), now);
            // the path may name a person (a home folder); the audit log keeps only what was asked for
            audit.append(connection, by, "quarantine.isolate", "device " + device.id(), "isolate by "
                    + (byPath ? "path" : "sha256") + "; decision " + decision.id() + "; command " + command.id(),
                    device.settingId(), false);
            return decision;
        });
    }

    /**
     * Orders the item restored. Empty when the reader may not see it; IllegalStateException when it is not in the
     * vault, has an order pending, or its key is gone; {@link DeviceOnHoldException} while its device is held.
     */
    public Optional<FileDecision> release(Person by, String id, String justification) {
        String why = Holds.text(justification, "justification", "say why the file may go back to its owner");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, by, id);
            if (found.isEmpty()) {
                refused(connection, by, "quarantine.release", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            Holds.refuseIfHeld(connection, item.deviceId(), "releasing item " + id);
            requireInVault(item, "released");
            if (!item.keyHeld()) {
                throw new IllegalStateException("Item " + id + " has no key on the console, so it cannot be "
                        + "released");
            }
            // the key is added only when the command is handed to the device (see releaseKey); never stored
            StoredCommand command = Commands.enqueue(connection, item.deviceId(), FileCommands.RELEASE,
                    json(new FileCommands.ReleaseOrder(item.agentItemId(), null)), now);
            setPending(connection, id, RELEASE);
            FileDecision decision = decide(connection, by, item.deviceId(), item.settingId(), id, RELEASE, why,
                    null, null, command.id(), now);
            append(connection, by, "quarantine.release", item, "release ordered; decision " + decision.id()
                    + "; command " + command.id());
            return Optional.of(decision);
        });
    }

    /**
     * Orders the item destroyed, which §11.2 allows only when both are confirmed (IllegalArgumentException
     * otherwise); refused like a release while held, pending or not in the vault.
     */
    public Optional<FileDecision> destroy(Person by, String id, String justification, boolean noOtherAgencyNeeded,
                                          boolean noRiskToChildOrInvestigation) {
        if (!noOtherAgencyNeeded || !noRiskToChildOrInvestigation) {
            throw new IllegalArgumentException("Destroying needs both confirmations (§11.2): noOtherAgencyNeeded "
                    + "(other agencies do not need to be involved) and noRiskToChildOrInvestigation (deletion "
                    + "places no child at risk and compromises no investigation) must both be true. If either is "
                    + "not so, keep the item, preserve it for the police, or put the device on hold");
        }
        String why = Holds.text(justification, "justification", "say why the file may be destroyed");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, by, id);
            if (found.isEmpty()) {
                refused(connection, by, "quarantine.destroy", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            Holds.refuseIfHeld(connection, item.deviceId(), "destroying item " + id);
            requireInVault(item, "destroyed");
            StoredCommand command = Commands.enqueue(connection, item.deviceId(), FileCommands.DESTROY,
                    json(new FileCommands.DestroyOrder(item.agentItemId(), true, true)), now);
            setPending(connection, id, DESTROY);
            FileDecision decision = decide(connection, by, item.deviceId(), item.settingId(), id, DESTROY, why,
                    null, "noOtherAgencyNeeded=true; noRiskToChildOrInvestigation=true", command.id(), now);
            append(connection, by, "quarantine.destroy", item, "destroy ordered with both confirmations; decision "
                    + decision.id() + "; command " + command.id());
            return Optional.of(decision);
        });
    }

    /** Preserves the item for the police under their reference, which makes an evidence export possible. */
    public Optional<FileDecision> preserve(Person by, String id, String policeReference, String justification) {
        String reference = Holds.text(policeReference, "policeReference", "give the police reference (crime or "
                + "incident number) the preservation is for");
        if (reference.length() > Holds.MAX_NAME) {
            throw new IllegalArgumentException("policeReference is longer than " + Holds.MAX_NAME + " characters");
        }
        String why = Holds.text(justification, "justification", "say why the item is preserved");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, by, id);
            if (found.isEmpty()) {
                refused(connection, by, "quarantine.preserve", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            requireInVault(item, "preserved");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE quarantine_items SET police_reference = ? WHERE id = ?")) {
                update.setString(1, reference);
                update.setString(2, id);
                update.executeUpdate();
            }
            FileDecision decision = decide(connection, by, item.deviceId(), item.settingId(), id, PRESERVE, why,
                    reference, null, null, now);
            append(connection, by, "quarantine.preserve", item, "preserved for police reference " + reference
                    + "; decision " + decision.id());
            return Optional.of(decision);
        });
    }

    /** Records that the DSL viewed the file on the device, with their justification. */
    public Optional<FileDecision> viewing(Person by, String id, String justification) {
        String why = Holds.text(justification, "justification", "say why there was no other option than viewing "
                + "the file");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, by, id);
            if (found.isEmpty()) {
                refused(connection, by, "quarantine.viewing", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            FileDecision decision = decide(connection, by, item.deviceId(), item.settingId(), id, VIEWING, why,
                    null, null, null, now);
            append(connection, by, "quarantine.viewing", item, "viewing on the device recorded; decision "
                    + decision.id());
            return Optional.of(decision);
        });
    }

    /**
     * Orders an evidence export for a police recipient: only for an item in the vault that was preserved with a
     * police reference (IllegalStateException otherwise). {@code rewrap} turns the item key into the recipient's.
     */
    public Optional<EvidenceExport> export(Person by, String id, String recipientFingerprint, String justification,
                                           KeyRewrap rewrap) {
        String why = Holds.text(justification, "justification", "say why the evidence is exported");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<QuarantineSummary> found = find(connection, by, id);
            if (found.isEmpty()) {
                refused(connection, by, "quarantine.export", id);
                return Optional.empty();
            }
            QuarantineSummary item = found.get();
            if (item.policeReference() == null) {
                throw new IllegalStateException("Item " + id + " has not been preserved for the police: an evidence "
                        + "export exists only with a police reference. Preserve it first (POST /api/v1/quarantine/"
                        + id + "/preserve with policeReference and justification)");
            }
            requireInVault(item, "exported");
            WrappedItemKey key = wrappedKey(connection, id).orElseThrow(() -> new IllegalStateException("Item " + id
                    + " has no key on the console, so it cannot be exported"));
            String recipientWrapped;
            try {
                recipientWrapped = rewrap.rewrap(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The item key of " + id + " could not be rewrapped: "
                        + e.getMessage(), e);
            }
            String exportId = UUID.randomUUID().toString();
            StoredCommand command = Commands.enqueue(connection, item.deviceId(), FileCommands.EXPORT_EVIDENCE,
                    json(new FileCommands.EvidenceOrder(item.agentItemId(), exportId, recipientWrapped,
                            recipientFingerprint, item.policeReference())), now);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evidence_exports (id, item_id, "
                    + "device_id, setting_id, ordered_at, ordered_by_id, ordered_by_name, police_reference, "
                    + "recipient_fingerprint, command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, exportId);
                insert.setString(2, id);
                insert.setString(3, item.deviceId());
                insert.setString(4, item.settingId());
                Millis.set(insert, 5, now);
                insert.setString(6, by.id());
                insert.setString(7, by.name());
                insert.setString(8, item.policeReference());
                insert.setString(9, recipientFingerprint);
                insert.setString(10, command.id());
                insert.executeUpdate();
            }
            FileDecision decision = decide(connection, by, item.deviceId(), item.settingId(), id, EXPORT, why,
                    item.policeReference(), "export " + exportId + " for recipient key " + recipientFingerprint,
                    command.id(), now);
            append(connection, by, "quarantine.export", item, "export " + exportId + " for police reference "
                    + item.policeReference() + " and recipient key " + recipientFingerprint + "; decision "
                    + decision.id());
            return EvidenceExports.find(connection, exportId);
        });
    }

    /**
     * The wrapped key of an item whose release is pending on this device, for the check-in answer that delivers
     * the release; empty when there is no such release (withdrawn by a hold, say) or no key.
     */
    public Optional<WrappedItemKey> releaseKey(String deviceId, String agentItemId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT q.id, q.wrapped_key, "
                    + "q.evidence_key_fingerprint FROM quarantine_items q WHERE q.device_id = ? "
                    + "AND q.agent_item_id = ? AND q.pending = ? AND q.wrapped_key IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM device_holds h WHERE h.device_id = q.device_id AND h.lifted_at IS NULL)")) {
                select.setString(1, deviceId);
                select.setString(2, agentItemId);
                select.setString(3, RELEASE);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new WrappedItemKey(row.getString(1), row.getString(2),
                            row.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** The item's custody for an evidence archive: everything recorded about it, oldest first. */
    static Custody custody(Connection connection, String id) throws SQLException {
        QuarantineSummary item;
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE q.id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("Quarantine item " + id + " is missing from the store");
                }
                item = summary(row);
            }
        }
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM audit_log WHERE target = ? ORDER BY id")) {
            select.setString(1, target(id));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new AuditEntry(row.getLong("id"), Millis.get(row, "at"), row.getString("actor"),
                            row.getString("actor_id"), row.getString("action"), row.getString("target"),
                            row.getString("detail"), row.getString("setting_id"), row.getInt("staff_matter") != 0,
                            row.getString("previous_hash"), row.getString("hash")));
                }
            }
        }
        return new Custody(item, decisions(connection, id), changes(connection, item), exports(connection, id),
                entries);
    }

    /** The item the person may see, or empty. */
    static Optional<QuarantineSummary> find(Connection connection, Person reader, String id) throws SQLException {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "q", reader, false);
        where.and("q.id = ?", id);
        try (PreparedStatement select = connection.prepareStatement(SELECT + where.where())) {
            where.bind(select, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(summary(row)) : Optional.empty();
            }
        }
    }

    static String target(String itemId) {
        return "quarantine " + itemId;
    }

    void append(Connection connection, Person by, String action, QuarantineSummary item, String detail)
            throws SQLException {
        audit.append(connection, by, action, target(item.id()), detail, item.settingId(),
                item.accountKind() == AccountKind.STAFF);
    }

    private void refused(Connection connection, Person reader, String action, String id) throws SQLException {
        audit.append(connection, reader, action, target(id), "refused: no such item for this person",
                reader.settingId(), false);
    }

    private static void requireInVault(QuarantineSummary item, String verb) {
        if (item.state() != QuarantineItemState.ISOLATED) {
            throw new IllegalStateException("Item " + item.id() + " is " + item.state().id() + ", no longer in the "
                    + "vault, so it cannot be " + verb);
        }
        if (item.pending() != null) {
            throw new IllegalStateException("Item " + item.id() + " already has a " + item.pending() + " ordered "
                    + "that the device has not carried out yet; wait for it to report");
        }
    }

    private static String checkedPath(String path) {
        String file = path.strip();
        if (file.length() > 4096 || file.indexOf('\0') >= 0 || !ABSOLUTE.matcher(file).matches()) {
            throw new IllegalArgumentException("path is not an absolute path on the device; give the full path, "
                    + "such as /home/jsmith/Downloads/file.jpg or C:\\Users\\jsmith\\Downloads\\file.jpg");
        }
        for (String part : file.split("[/\\\\]")) {
            if ("..".equals(part) || ".".equals(part)) {
                throw new IllegalArgumentException("path contains '" + part + "'; give the file's own path without "
                        + "relative steps");
            }
        }
        return file;
    }

    private static void setPending(Connection connection, String id, String pending) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE quarantine_items SET pending = ? WHERE id = ? AND pending IS NULL")) {
            update.setString(1, pending);
            update.setString(2, id);
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("Item " + id + " was given another order at the same moment; read "
                        + "it again");
            }
        }
    }

    private static FileDecision decide(Connection connection, Person by, String deviceId, String settingId,
                                       String itemId, String decision, String justification,
                                       String policeReference, String detail, String commandId, Instant now)
            throws SQLException {
        FileDecision made = new FileDecision(UUID.randomUUID().toString(), deviceId, itemId, decision, now,
                by.id(), by.name(), justification, policeReference, detail, commandId);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO file_decisions (id, device_id, "
                + "setting_id, item_id, decision, at, by_id, by_name, justification, police_reference, detail, "
                + "command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, made.id());
            insert.setString(2, deviceId);
            insert.setString(3, settingId);
            insert.setString(4, itemId);
            insert.setString(5, decision);
            Millis.set(insert, 6, now);
            insert.setString(7, by.id());
            insert.setString(8, by.name());
            insert.setString(9, justification);
            insert.setString(10, policeReference);
            insert.setString(11, detail);
            insert.setString(12, commandId);
            insert.executeUpdate();
        }
        return made;
    }

    private static Optional<WrappedItemKey> wrappedKey(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT wrapped_key, evidence_key_fingerprint "
                + "FROM quarantine_items WHERE id = ? AND wrapped_key IS NOT NULL")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new WrappedItemKey(id, row.getString(1), row.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private static List<FileDecision> decisions(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM file_decisions WHERE item_id = ? ORDER BY at, id")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                List<FileDecision> decisions = new ArrayList<>();
                while (row.next()) {
                    decisions.add(new FileDecision(row.getString("id"), row.getString("device_id"),
                            row.getString("item_id"), row.getString("decision"), Millis.get(row, "at"),
                            row.getString("by_id"), row.getString("by_name"), row.getString("justification"),
                            row.getString("police_reference"), row.getString("detail"), row.getString("command_id")));
                }
                return decisions;
            }
        }
    }

    private static List<ItemChange> changes(Connection connection, QuarantineSummary item) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM quarantine_changes "
                + "WHERE device_id = ? AND agent_item_id = ? ORDER BY recorded_at, id")) {
            select.setString(1, item.deviceId());
            select.setString(2, item.agentItemId());
            try (ResultSet row = select.executeQuery()) {
                List<ItemChange> changes = new ArrayList<>();
                while (row.next()) {
                    changes.add(new ItemChange(row.getString("action"), row.getString("command_id"),
                            row.getString("detail"), Millis.get(row, "recorded_at"), Millis.get(row, "received_at")));
                }
                return changes;
            }
        }
    }

    private static List<EvidenceExport> exports(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM evidence_exports WHERE item_id = ? ORDER BY ordered_at, id")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                List<EvidenceExport> exports = new ArrayList<>();
                while (row.next()) {
                    exports.add(EvidenceExports.export(row));
                }
                return exports;
            }
        }
    }

    private static final String SELECT = "SELECT q.*, d.hostname FROM quarantine_items q LEFT JOIN devices d "
            + "ON d.id = q.device_id";

    private static QuarantineSummary summary(ResultSet row) throws SQLException {
        return new QuarantineSummary(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                row.getString("setting_id"), row.getString("agent_item_id"), StoredFileFacts.read(row),
                VisibleTo.kind(row.getString("account_kind")),
                JsonText.readList(row.getString("matches"), FileRuleMatch.class), Millis.get(row, "isolated_at"),
                row.getLong("vault_bytes"), row.getString("evidence_key_fingerprint"),
                QuarantineItemState.parse(row.getString("state")), row.getString("pending"),
                row.getString("police_reference"), row.getString("wrapped_key") != null,
                Millis.get(row, "received_at"));
    }

    private static JsonNode json(Object order) {
        return WireJson.mapper().valueToTree(order);
    }
}
