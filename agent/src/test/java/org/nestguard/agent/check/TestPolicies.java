package org.nestguard.agent.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/** Policies for the checks' tests, read through the real loader. */
final class TestPolicies {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestPolicies() {
    }

    /** The test policy with every control set. */
    static Policy everyControl() {
        return load("/policies/every-control.yaml", s -> s);
    }

    /** The test policy after a text edit, for variants (another password age, offPremises, ...). */
    static Policy everyControl(java.util.function.UnaryOperator<String> edit) {
        return load("/policies/every-control.yaml", edit);
    }

    private static Policy load(String resource, java.util.function.UnaryOperator<String> edit) {
        try (InputStream in = TestPolicies.class.getResourceAsStream(resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PolicyLoader().parse(resource, edit.apply(yaml));
        } catch (IOException | PolicyException e) {
            throw new AssertionError("test policy " + resource + " does not load: " + e.getMessage(), e);
        }
    }
}
