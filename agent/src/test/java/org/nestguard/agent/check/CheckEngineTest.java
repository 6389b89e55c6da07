package org.nestguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.protocol.policy.Policy;
import org.junit.jupiter.api.Test;

class CheckEngineTest {
    @Test
    void aCheckThatBreaksIsReportedUnknownAndTheOthersStillRun() {
        Check broken = new Check() {
            @Override
            public Control control() {
                return Control.FIREWALL;
            }

            @Override
            public CheckResult run(Policy policy) {
                throw new IllegalStateException("unexpected nft output");
            }
        };
        List<CheckResult> results = new CheckEngine(List.of(broken, new SoftwareCheck(() -> SoftwareInventory.complete(List.of()))))
                .run(TestPolicies.everyControl());
        assertEquals(Status.UNKNOWN, results.get(0).status());
        assertTrue(results.get(0).summary().contains("unexpected nft output"));
        assertEquals(Control.SOFTWARE, results.get(1).control());
    }
}
