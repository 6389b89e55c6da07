package org.nestguard.protocol.wire;

/** The console's agent endpoints, so both sides name them the same way. */
public final class AgentApi {
    /** Enrolment: server-authenticated TLS only, since the device has no certificate yet. */
    public static final String ENROLL = "/api/agent/v1/enroll";
    /** Check-in: mutual TLS; the device certificate says which device is calling. */
    public static final String CHECK_IN = "/api/agent/v1/checkin";
    /**
     * Evidence upload, followed by its export id: {@code PUT}, mutual TLS, body a zip streamed in any size; only the
     * device the export was ordered from.
     */
    public static final String EVIDENCE = "/api/agent/v1/evidence/";
    /** The largest request body the console accepts, so one device cannot exhaust it. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private AgentApi() {
    }
}
