package org.nestguard.agent.history;

import java.util.Objects;

/**
 * How a streamed read of a profile's database ended; its visits went to a {@link VisitSink}.
 *
 * @param next    the cursor after the visits the sink took (the old one when it took none)
 * @param cleared whether history the cursor pointed at has gone since the last read
 * @param more    whether visits are still waiting: the reader's limit was reached or the sink left one
 */
public record StreamedRead(ProfileCursor next, boolean cleared, boolean more) {
    public StreamedRead {
        Objects.requireNonNull(next, "next");
    }
}
