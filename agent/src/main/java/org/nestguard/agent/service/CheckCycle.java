package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.Status;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.wire.WireJson;

/** One check cycle: every control run once, each result recorded in the outbox, then a summary event. */
public final class CheckCycle {
    /** Event type of one control's result. */
    public static final String CHECK_RESULT = "check-result";
    /** Event type of the summary that closes a cycle. */
    public static final String CHECK_CYCLE = "check-cycle";

    private final CheckRunner checks;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();

    public CheckCycle(CheckRunner checks, Outbox outbox, Clock clock) {
        this.checks = checks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs the checks and records them; when this returns every result is on disk. */
    public CycleSummary run(Policy policy, int policyVersion) throws IOException {
        Instant started = clock.instant();
        List<CheckResult> results = checks.run(policy);
        for (CheckResult result : results) {
            outbox.append(CHECK_RESULT, json.valueToTree(CheckResultPayload.of(result, policyVersion)));
        }
        CycleSummary summary = new CycleSummary(started, clock.instant(), policyVersion, results.size(),
                count(results, Status.PASS), count(results, Status.FAIL), count(results, Status.UNKNOWN),
                count(results, Status.NOT_APPLICABLE));
        outbox.append(CHECK_CYCLE, json.valueToTree(summary));
        return summary;
    }

    private static int count(List<CheckResult> results, Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
