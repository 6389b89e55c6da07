package org.nestguard.agent.outbox;

import java.nio.ByteBuffer;

/**
 * One record as it lies in a segment: {@code [int body length][long sequence][byte flags][body]}, where the body
 * is the GCM nonce, ciphertext and tag. Sequence and flags stay in clear (and authenticated) so that acknowledged
 * or droppable records can be found without decrypting anything.
 *
 * @param offset where the record starts in its segment
 * @param length the whole record, header included
 */
record StoredRecord(long sequence, byte flags, int offset, int length) {
    static final int HEADER_BYTES = Integer.BYTES + Long.BYTES + 1;
    static final byte DROPPABLE = 1;

    boolean droppable() {
        return (flags & DROPPABLE) != 0;
    }

    int bodyOffset() {
        return offset + HEADER_BYTES;
    }

    int bodyLength() {
        return length - HEADER_BYTES;
    }

    /** Header and body, ready to write. */
    static byte[] encode(long sequence, byte flags, byte[] body) {
        return ByteBuffer.allocate(HEADER_BYTES + body.length).putInt(body.length).putLong(sequence).put(flags)
                .put(body).array();
    }
}
