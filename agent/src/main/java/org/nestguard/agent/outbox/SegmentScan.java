package org.nestguard.agent.outbox;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one segment's bytes, read structurally (decrypting is the caller's part). A record cut short at
 * the end of the last segment is a torn write from a crash and is reported as {@link #tornBytes}; anything else
 * that does not fit the layout is damage and is refused, never skipped.
 *
 * @param validEnd  where the last whole record ends
 * @param tornBytes bytes after {@code validEnd} that belong to an interrupted write (only in the last segment)
 */
record SegmentScan(Segment segment, byte[] bytes, List<StoredRecord> records, int validEnd, int tornBytes) {

    static SegmentScan of(Segment segment, byte[] bytes, boolean last, int maxBodyBytes)
            throws OutboxCorruptException {
        List<StoredRecord> records = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int offset = 0;
        long previous = segment.firstSequence() - 1;
        while (offset < bytes.length) {
            int remaining = bytes.length - offset;
            boolean complete = remaining >= StoredRecord.HEADER_BYTES
                    && remaining >= StoredRecord.HEADER_BYTES + buffer.getInt(offset);
            int bodyLength = remaining >= Integer.BYTES ? buffer.getInt(offset) : -1;
            boolean plausible = bodyLength >= RecordCipher.NONCE_BYTES + RecordCipher.TAG_BYTES
                    && bodyLength <= maxBodyBytes;
            if (!complete || !plausible) {
                // A crash mid-write leaves a short record, or on some file systems a zero-filled tail.
                if (last && (remaining < StoredRecord.HEADER_BYTES || (plausible && !complete)
                        || zeros(bytes, offset))) {
                    return new SegmentScan(segment, bytes, records, offset, remaining);
                }
                throw damaged(segment, offset, "the record length there (" + bodyLength + " bytes) is impossible"
                        + (last ? "" : " or the file ends inside a record"));
            }
            long sequence = buffer.getLong(offset + Integer.BYTES);
            if (sequence <= previous) {
                throw damaged(segment, offset, "its sequence " + sequence + " does not follow " + previous);
            }
            byte flags = buffer.get(offset + Integer.BYTES + Long.BYTES);
            int length = StoredRecord.HEADER_BYTES + bodyLength;
            records.add(new StoredRecord(sequence, flags, offset, length));
            previous = sequence;
            offset += length;
        }
        return new SegmentScan(segment, bytes, records, offset, 0);
    }

    static OutboxCorruptException damaged(Segment segment, int offset, String why) {
        return new OutboxCorruptException("Outbox segment " + segment.path() + " is damaged at byte " + offset + ": "
                + why + ". Nothing was skipped. Keep the folder for investigation; to let the agent record again,"
                + " move " + segment.name() + " out of the outbox folder (the console will then see a gap in this"
                + " device's sequence numbers)");
    }

    private static boolean zeros(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    long lastSequence() {
        return records.isEmpty() ? segment.firstSequence() - 1 : records.get(records.size() - 1).sequence();
    }
}
