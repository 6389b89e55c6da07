package org.nestguard.agent.classify;

import java.util.List;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Visit;

/** Decides which safeguarding categories, if any, a visit falls in. Implementations are immutable and thread-safe. */
public interface VisitClassifier {
    /** Every rule that matched, most severe first; empty when the visit raises no concern. */
    List<Flag> classify(Visit visit);
}
