package org.nestguard.console.store;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.RemovableScan;
import org.nestguard.protocol.files.RemovableWrite;
import org.nestguard.protocol.wire.Event;

/**
 * The flagged-file payloads of one check-in, read and checked before its transaction starts, like
 * {@link MonitoringBatch}: a payload that is not its record refuses the whole check-in, naming the event and field.
 * The records are metadata; a field the record does not have (file content, say) is refused, not stored.
 */
final class FileBatch {
    private static final int MAX_HASH = 64;

    private final Map<Event, Object> payloads;

    private FileBatch(Map<Event, Object> payloads) {
        this.payloads = payloads;
    }

    /** Reads every flagged-file event of the batch; other event types are left alone. */
    static FileBatch read(List<Event> events) {
        Map<Event, Object> payloads = new IdentityHashMap<>();
        for (Event event : events) {
            Class<?> record = switch (event.type()) {
                case FileFlagged.TYPE -> FileFlagged.class;
                case QuarantineChange.TYPE -> QuarantineChange.class;
                case RemovableWrite.TYPE -> RemovableWrite.class;
                case RemovableScan.TYPE -> RemovableScan.class;
                case HoldStatus.TYPE -> HoldStatus.class;
                case OutingReadiness.TYPE -> OutingReadiness.class;
                default -> null;
            };
            if (record == null) {
                continue;
            }
            Object payload = MonitoringBatch.parse(event, record);
            check(event, payload);
            payloads.put(event, payload);
        }
        return new FileBatch(payloads);
    }

    /** The parsed payload of this event, or null when it is not about flagged files. */
    Object payload(Event event) {
        return payloads.get(event);
    }

    boolean isEmpty() {
        return payloads.isEmpty();
    }

    private static void check(Event event, Object payload) {
        if (payload instanceof FileFlagged flag) {
            MonitoringBatch.checkLength(event, "flagId", flag.flagId(), MonitoringBatch.MAX_ID);
            checkFacts(event, "facts", flag.facts());
            if (flag.itemId() != null) {
                MonitoringBatch.checkLength(event, "itemId", flag.itemId(), MonitoringBatch.MAX_ID);
            }
        } else if (payload instanceof QuarantineChange change) {
            MonitoringBatch.checkLength(event, "itemId", change.itemId(), MonitoringBatch.MAX_ID);
            if (change.item() != null) {
                if (!change.item().itemId().equals(change.itemId())) {
                    throw new IllegalArgumentException(MonitoringBatch.prefix(event) + "names item "
                            + change.itemId() + " but carries the record of item " + change.item().itemId()
                            + "; send the record of the item it names");
                }
                checkFacts(event, "item.facts", change.item().facts());
                MonitoringBatch.checkLength(event, "item.evidenceKeyFingerprint",
                        change.item().evidenceKeyFingerprint(), MAX_HASH);
            }
        } else if (payload instanceof RemovableWrite write) {
            MonitoringBatch.checkLength(event, "volume.id", write.volume().id(), MonitoringBatch.MAX_NAME);
        } else if (payload instanceof RemovableScan scan) {
            MonitoringBatch.checkLength(event, "volume.id", scan.volume().id(), MonitoringBatch.MAX_NAME);
        }
    }

    private static void checkFacts(Event event, String where, FileFacts facts) {
        MonitoringBatch.checkLength(event, where + ".path", facts.path(), Integer.MAX_VALUE);
        if (facts.account() != null) {
            MonitoringBatch.checkLength(event, where + ".account", facts.account(), MonitoringBatch.MAX_NAME);
        }
        if (facts.owner() != null) {
            MonitoringBatch.checkLength(event, where + ".owner", facts.owner(), MonitoringBatch.MAX_NAME);
        }
        checkHex(event, where + ".sha256", facts.sha256(), 64);
        if (facts.sha1() != null) {
            checkHex(event, where + ".sha1", facts.sha1(), 40);
        }
        if (facts.md5() != null) {
            checkHex(event, where + ".md5", facts.md5(), 32);
        }
    }

    private static void checkHex(Event event, String field, String value, int length) {
        boolean hex = value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (value.length() != length || !hex) {
            throw new IllegalArgumentException(MonitoringBatch.prefix(event) + "has a " + field + " that is not "
                    + length + " lower-case hex digits; send the digest as the agent computed it");
        }
    }
}
