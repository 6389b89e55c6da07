package org.nestguard.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.protocol.policy.Policy;

/** One run of every check on one device, as printed by {@code check --json}. */
public record CheckReport(String setting, String settingName, String policyFile, String host, String platform,
                          Instant checkedAt, List<CheckResult> results) {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static CheckReport of(Policy policy, Path policyFile, String platform, Instant at, List<CheckResult> results) {
        return new CheckReport(policy.setting().id(), policy.setting().name(), policyFile.toString(), hostName(),
                platform, at, results);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
