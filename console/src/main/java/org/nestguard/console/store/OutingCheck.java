package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.files.MediaCount;

/**
 * A manager's question whether a device may go on an outing, and the agent's answer: ready, not ready with the
 * photos and videos still in each camera folder, waiting for the device, or refused by the agent (it is held).
 */
public record OutingCheck(String id, String deviceId, Instant requestedAt, String requestedBy, Status status,
                          Instant answeredAt, int photos, int videos, List<MediaCount> folders,
                          String refusedBecause) {

    /** Where the question stands. */
    public enum Status {
        WAITING("waiting"), READY("ready"), NOT_READY("not-ready"), REFUSED("refused");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }
}
