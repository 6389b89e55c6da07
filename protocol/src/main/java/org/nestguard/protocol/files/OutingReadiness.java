package org.nestguard.protocol.files;

import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: whether the device may go on an outing (004: "all data must be transferred/deleted from
 * the setting's camera/device before leaving the setting"): ready only when no photo or video is left.
 *
 * @param refusedBecause why the question was not answered (the device is on hold), else null
 */
public record OutingReadiness(String requestId, boolean ready, List<MediaCount> folders, String refusedBecause) {
    public static final String TYPE = "outing-readiness";

    public OutingReadiness {
        Objects.requireNonNull(requestId, "requestId");
        folders = folders == null ? List.of() : List.copyOf(folders);
    }
}
