package org.nestguard.agent.history;

import java.io.IOException;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Takes what {@link HistoryCollector#collectAll} reads as it reads it: each new visit, then the end of each batch,
 * when everything the batch brought must be recorded durably. Nothing needs to hold a whole batch of visits. It is
 * called with the collector locked, so it must not call the collector.
 */
public interface HistoryRecorder {
    /**
     * A new visit of {@code profile}. A profile's visits come oldest first, and a batch's visits of one profile
     * come one after another; the next batch may continue the same profile. Throwing stops the collection and
     * the batch's cursors do not move.
     */
    void visit(BrowserProfile profile, Visit visit) throws IOException;

    /**
     * The batch is over: record its visits (those not recorded yet) and its notices durably before returning; the
     * cursors then move past them. Throwing stops the collection and the batch's cursors do not move.
     */
    void endOfBatch(BatchEnd batch) throws IOException;
}
