package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.files.FileRuleMatch;

/**
 * The file flags a person may read, routed like monitoring flags ({@link VisibleTo}): learner accounts' to the
 * DSLs, staff accounts' to the manager and headteacher, never the account's owner. Every list is audited.
 */
public final class FileFlags {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Database database;
    private final AuditLog audit;

    public FileFlags(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** One page, newest first, audited. */
    public FileFlagPage list(Person reader, FileFlagQuery query) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "f", reader, false);
        if (query.deviceId() != null) {
            where.and("f.device_id = ?", query.deviceId());
        }
        if (query.account() != null) {
            where.and("f.account_key = ?", Person.accountKey(query.account()));
        }
        if (query.source() != null) {
            where.and("f.id IN (SELECT flag_id FROM file_flag_sources WHERE source = ?)", query.source());
        }
        if (query.from() != null) {
            where.and("f.received_at >= ?", query.from());
        }
        if (query.to() != null) {
            where.and("f.received_at < ?", query.to());
        }
        if (query.before() != null) {
            String[] cursor = query.before().split(":", 2);
            long millis;
            try {
                millis = Long.parseLong(cursor[0]);
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (cursor.length != 2 || millis < 0) {
                throw new IllegalArgumentException("before is '" + query.before() + "'; give the previous page's "
                        + "next as it was");
            }
            where.and("(f.received_at < ? OR (f.received_at = ? AND f.id < ?))", millis, millis, cursor[1]);
        }
        int limit = query.limit();
        return database.transaction(connection -> {
            List<FileFlagSummary> flags = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT f.*, d.hostname, q.id AS item_id "
                    + "FROM file_flags f LEFT JOIN devices d ON d.id = f.device_id LEFT JOIN quarantine_items q "
                    + "ON q.device_id = f.device_id AND q.agent_item_id = f.agent_item_id" + where.where()
                    + " ORDER BY f.received_at DESC, f.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        flags.add(new FileFlagSummary(row.getString("id"), row.getString("device_id"),
                                row.getString("hostname"), row.getString("setting_id"), StoredFileFacts.read(row),
                                VisibleTo.kind(row.getString("account_kind")),
                                JsonText.readList(row.getString("matches"), FileRuleMatch.class),
                                row.getString("agent_item_id"), row.getString("item_id"),
                                Millis.get(row, "received_at")));
                    }
                }
            }
            boolean more = flags.size() > limit;
            if (more) {
                flags.remove(flags.size() - 1);
            }
            FileFlagSummary last = more ? flags.get(flags.size() - 1) : null;
            audit.append(connection, reader, "file-flags.list", "file flags", query.describe() + "; rows="
                    + flags.size(), reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return new FileFlagPage(flags, last == null ? null
                    : last.receivedAt().toEpochMilli() + ":" + last.id());
        });
    }
}
