package org.nestguard.agent.transport;

import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.CheckInResponse;

/** What became of one check-in, typed so the service loop must decide for each case what to do next. */
public sealed interface CheckInOutcome {

    /** The console stored the batch (up to {@code response.highestSequence()}) and sent its news. */
    record Accepted(CheckInResponse response) implements CheckInOutcome {
    }

    /** The device's certificate was revoked: nothing more can be sent until the device is enrolled again. */
    record Revoked(ApiError error) implements CheckInOutcome {
    }

    /** The batch was larger than the console accepts: send a smaller one. */
    record TooLarge(ApiError error) implements CheckInOutcome {
    }

    /** The console is down, unreachable or overloaded: keep the events and try later. */
    record RetryLater(String reason) implements CheckInOutcome {
    }

    /** The console refused the request for another reason; retrying the same request will not help. */
    record Refused(int status, ApiError error) implements CheckInOutcome {
    }
}
