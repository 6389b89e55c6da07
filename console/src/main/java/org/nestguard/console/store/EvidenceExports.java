package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.nestguard.console.auth.Person;

/**
 * Evidence archives the devices upload for the exports a DSL ordered: which device may upload which export and
 * how large it may be, the record of the upload, and the audited download with the item's custody.
 */
public final class EvidenceExports {
    /** Room in an archive beyond the sealed item: the wrapped key, the manifest and the zip's own structure. */
    public static final long ARCHIVE_OVERHEAD_BYTES = 1 << 20;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public EvidenceExports(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The largest archive {@code deviceId} may upload for the export, or a refusal: IllegalArgumentException when
     * there is no such export for this device (another device's is refused the same way), IllegalStateException
     * when it was uploaded already.
     */
    public long uploadLimit(String deviceId, String exportId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT e.uploaded_at, q.vault_bytes "
                    + "FROM evidence_exports e JOIN quarantine_items q ON q.id = e.item_id "
                    + "WHERE e.id = ? AND e.device_id = ?")) {
                select.setString(1, exportId);
                select.setString(2, deviceId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalArgumentException("This device was not asked for evidence export '"
                                + exportId + "'; only the device holding the item may upload its archive");
                    }
                    if (Millis.get(row, "uploaded_at") != null) {
                        throw new IllegalStateException("Evidence export " + exportId + " was uploaded already; it "
                                + "is kept as first received");
                    }
                    return row.getLong("vault_bytes") + ARCHIVE_OVERHEAD_BYTES;
                }
            }
        });
    }

    /** Records the stored archive; false when it was recorded already (a concurrent upload won). */
    public boolean recordUpload(String deviceId, String exportId, long bytes, String sha256) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            EvidenceExport export = find(connection, exportId).filter(e -> e.deviceId().equals(deviceId))
                    .orElseThrow(() -> new IllegalArgumentException("no export " + exportId + " for this device"));
            try (PreparedStatement update = connection.prepareStatement("UPDATE evidence_exports SET uploaded_at = ?, "
                    + "archive_bytes = ?, archive_sha256 = ? WHERE id = ? AND device_id = ? AND uploaded_at IS NULL")) {
                Millis.set(update, 1, now);
                update.setLong(2, bytes);
                update.setString(3, sha256);
                update.setString(4, exportId);
                update.setString(5, deviceId);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            Person device = new Person(deviceId, "device " + deviceId, Set.of(), export.settingId(), Set.of());
            audit.append(connection, device, "evidence.upload", QuarantineItems.target(export.itemId()), "export "
                    + exportId + " archive received: " + bytes + " bytes, sha256 " + sha256, export.settingId(),
                    false);
            return true;
        });
    }

    /**
     * The export with the item's custody, audited; empty when the reader may not see the item. IllegalStateException
     * when the device has not uploaded the archive yet.
     */
    public Optional<EvidenceDownload> download(Person reader, String exportId) {
        return database.transaction(connection -> {
            Optional<EvidenceExport> export = find(connection, exportId);
            Optional<QuarantineSummary> item = export.isEmpty() ? Optional.empty()
                    : QuarantineItems.find(connection, reader, export.get().itemId());
            if (item.isEmpty()) {
                audit.append(connection, reader, "evidence.download", "evidence export " + exportId,
                        "refused: no such export for this person", reader.settingId(), false);
                return Optional.empty();
            }
            if (export.get().uploadedAt() == null) {
                throw new IllegalStateException("The device has not uploaded evidence export " + exportId + " yet; "
                        + "it does so after its next check-in");
            }
            audit.append(connection, reader, "evidence.download", QuarantineItems.target(item.get().id()), "export "
                    + exportId + " downloaded with its custody", item.get().settingId(),
                    item.get().accountKind() == org.nestguard.protocol.monitoring.AccountKind.STAFF);
            return Optional.of(new EvidenceDownload(export.get(), QuarantineItems.custody(connection,
                    item.get().id())));
        });
    }

    static Optional<EvidenceExport> find(Connection connection, String exportId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM evidence_exports WHERE id = ?")) {
            select.setString(1, exportId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(export(row)) : Optional.empty();
            }
        }
    }

    static EvidenceExport export(ResultSet row) throws SQLException {
        long bytes = row.getLong("archive_bytes");
        Long archiveBytes = row.wasNull() ? null : bytes;
        return new EvidenceExport(row.getString("id"), row.getString("item_id"), row.getString("device_id"),
                row.getString("setting_id"), Millis.get(row, "ordered_at"), row.getString("ordered_by_name"),
                row.getString("police_reference"), row.getString("recipient_fingerprint"),
                row.getString("command_id"), Millis.get(row, "uploaded_at"), archiveBytes,
                row.getString("archive_sha256"));
    }
}
