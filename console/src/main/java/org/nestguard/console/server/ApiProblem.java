package org.nestguard.console.server;

import org.nestguard.protocol.wire.ApiError;

/** A refusal on its way to the caller: the HTTP status and the {@link ApiError} (stable code, what to do). */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The body to answer with. */
    public ApiError error() {
        return new ApiError(code, getMessage());
    }
}
