package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.Volume;

/**
 * Removable media reports of a person's setting (every setting for someone tied to none), newest first: writes
 * of images and documents (004: nothing with children's names or images leaves on a memory stick) and antivirus
 * scans at mount. Which roles read which is the route's business; every list is audited.
 */
public final class RemovableMedia {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Database database;
    private final AuditLog audit;

    public RemovableMedia(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** Writes to removable volumes, audited. */
    public List<RemovableWriteRecord> writes(Person reader, String deviceIdOrNull, int limit) {
        return list(reader, "removable_writes", "removable-writes.list", deviceIdOrNull, limit, row ->
                new RemovableWriteRecord(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                        JsonText.read(row.getString("volume"), Volume.class), row.getInt("images"),
                        row.getInt("videos"), row.getInt("documents"), row.getLong("total_bytes"),
                        JsonText.readList(row.getString("names"), String.class), row.getInt("names_omitted"),
                        Millis.get(row, "first_written"), Millis.get(row, "last_written"),
                        Millis.get(row, "received_at")));
    }

    /** Antivirus scans of removable volumes, audited. */
    public List<RemovableScanRecord> scans(Person reader, String deviceIdOrNull, int limit) {
        return list(reader, "removable_scans", "removable-scans.list", deviceIdOrNull, limit, row ->
                new RemovableScanRecord(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                        JsonText.read(row.getString("volume"), Volume.class), row.getString("scanner"),
                        row.getString("outcome"), JsonText.readList(row.getString("threats"), String.class),
                        row.getString("detail"), Millis.get(row, "started_at"), Millis.get(row, "finished_at"),
                        Millis.get(row, "received_at")));
    }

    private <T> List<T> list(Person reader, String table, String action, String deviceIdOrNull, int limit,
                             RowReader<T> rowReader) {
        Conditions where = new Conditions();
        if (reader.settingId() != null) {
            where.and("r.setting_id = ?", reader.settingId());
        }
        if (deviceIdOrNull != null) {
            where.and("r.device_id = ?", deviceIdOrNull);
        }
        return database.transaction(connection -> {
            List<T> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT r.*, d.hostname FROM " + table
                    + " r LEFT JOIN devices d ON d.id = r.device_id" + where.where()
                    + " ORDER BY r.received_at DESC, r.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(rowReader.read(row));
                    }
                }
            }
            audit.append(connection, reader, action, table.replace('_', ' '), (deviceIdOrNull == null ? ""
                    : "device=" + deviceIdOrNull + "; ") + "limit=" + limit + "; rows=" + rows.size(),
                    reader.settingId(), false);
            return rows;
        });
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws java.sql.SQLException;
    }
}
