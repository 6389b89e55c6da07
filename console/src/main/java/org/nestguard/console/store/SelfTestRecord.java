package org.nestguard.console.store;

import java.time.Instant;

/**
 * One monitoring self-test for the annual review's log: who asked for it on which device and when, whether the
 * canary flag came back, and how long it took end to end (asked → flag at the console) and on the agent's side
 * (canary visit → flag at the console). Nothing of anyone's browsing is in it.
 */
public record SelfTestRecord(String id, String deviceId, String hostname, String settingId, String commandId,
                             String requestedBy, Instant requestedAt, SelfTestStatus status, Instant flagReceivedAt,
                             Instant visitTime, Long endToEndMillis, Long agentMillis) {
}
