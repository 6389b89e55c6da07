package org.nestguard.agent.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nestguard.protocol.files.QuarantineItem;

/**
 * An item's record in the vault, beside its sealed file: the {@link QuarantineItem} the console also holds, the
 * original's attributes for release, and the device-side chain of custody. Metadata only, never content; the item
 * key in it is wrapped for the console's evidence key.
 */
public record VaultRecord(QuarantineItem item, OriginalAttributes original, List<CustodyEntry> custody) {
    public VaultRecord {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(original, "original");
        custody = custody == null ? List.of() : List.copyOf(custody);
    }

    public String itemId() {
        return item.itemId();
    }

    /** This record with one more custody entry. */
    public VaultRecord with(CustodyEntry entry) {
        List<CustodyEntry> longer = new ArrayList<>(custody);
        longer.add(entry);
        return new VaultRecord(item, original, longer);
    }
}
