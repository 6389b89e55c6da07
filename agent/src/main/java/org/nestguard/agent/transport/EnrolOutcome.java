package org.nestguard.agent.transport;

import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.EnrollmentResponse;

/** What became of an enrolment request. */
public sealed interface EnrolOutcome {

    /** The console signed the device's certificate. */
    record Enrolled(EnrollmentResponse response) implements EnrolOutcome {
    }

    /** The console refused (unknown, used or expired token, no policy ...); its sentence says what to do. */
    record Refused(int status, ApiError error) implements EnrolOutcome {
    }

    /** The server did not prove it holds the pinned CA; nothing was sent to it. */
    record Untrusted(String reason) implements EnrolOutcome {
    }

    /** The console could not be reached or did not answer sensibly. */
    record Unreachable(String reason) implements EnrolOutcome {
    }
}
