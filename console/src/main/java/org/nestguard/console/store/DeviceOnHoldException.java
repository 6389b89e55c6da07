package org.nestguard.console.store;

import java.time.Instant;

/**
 * Refusal of something a hold forbids (revoke, re-enrol, retire, outing, release, destroy, purge): the device is
 * quarantined until police advice has been sought and recorded (DESIGN §7).
 */
public final class DeviceOnHoldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DeviceOnHoldException(String deviceId, Instant since, String refused) {
        super("Device " + deviceId + " is on hold since " + since + ", so " + refused + " is refused: it stays on "
                + "hold until police advice has been recorded (POST /api/v1/devices/" + deviceId + "/hold/lift "
                + "with the adviser, when and the outcome)");
    }
}
