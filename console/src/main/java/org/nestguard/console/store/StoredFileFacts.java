package org.nestguard.console.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileKind;

/** Reads the file metadata columns that file_flags and quarantine_items share back into {@link FileFacts}. */
final class StoredFileFacts {
    private StoredFileFacts() {
    }

    static FileFacts read(ResultSet row) throws SQLException {
        return new FileFacts(row.getString("path"), row.getString("account"), row.getString("owner"),
                row.getLong("size_bytes"), Millis.get(row, "modified_at"), Millis.get(row, "file_created_at"),
                JsonText.read("\"" + row.getString("kind") + "\"", FileKind.class), row.getString("sha256"),
                row.getString("sha1"), row.getString("md5"),
                VisibleTo.kind(row.getString("account_kind")));
    }
}
