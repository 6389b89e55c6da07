package org.nestguard.agent.service;

import java.io.IOException;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.transport.CheckInOutcome;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;

/**
 * One check-in round: sends the outbox in batches until it is empty, trimming it by what the console
 * acknowledges, and carries out the commands that come back. Always calls at least once, so commands arrive
 * even when nothing is waiting.
 */
public final class Uploader {
    /** The most events in one check-in. */
    static final int MAX_EVENTS = 500;
    /** The most event JSON in one check-in, well under the console's body limit. */
    static final long MAX_BYTES = 2L << 20;
    private static final String AGENT_VERSION = "0.1.0";

    private final ConsoleClient client;
    private final Outbox outbox;
    private final CommandExecutor commands;
    private final Supplier<NetworkLocation> location;
    private final IntSupplier policyVersion;

    public Uploader(ConsoleClient client, Outbox outbox, CommandExecutor commands, Supplier<NetworkLocation> location,
                    IntSupplier policyVersion) {
        this.client = client;
        this.outbox = outbox;
        this.commands = commands;
        this.location = location;
        this.policyVersion = policyVersion;
    }

    /** Sends everything pending; the result says whether all went and whether a check was asked for. */
    public UploadResult upload() throws IOException {
        NetworkLocation where = location.get();
        int maxEvents = MAX_EVENTS;
        boolean checkNow = false;
        boolean collectHistory = false;
        int consolePolicy = -1;
        while (true) {
            List<Event> batch = outbox.pending(maxEvents, MAX_BYTES);
            CheckInOutcome outcome = client.checkIn(new CheckIn(batch, where, policyVersion.getAsInt(), AGENT_VERSION));
            if (outcome instanceof CheckInOutcome.TooLarge tooLarge) {
                if (batch.size() <= 1) {
                    return UploadResult.refused("the console refused even a single event as too large: "
                            + tooLarge.error().message(), checkNow, collectHistory);
                }
                maxEvents = Math.max(1, batch.size() / 2);
                continue;
            }
            if (outcome instanceof CheckInOutcome.Revoked revoked) {
                return UploadResult.revoked(revoked.error().message());
            }
            if (outcome instanceof CheckInOutcome.RetryLater later) {
                return UploadResult.offline(later.reason(), checkNow, collectHistory);
            }
            if (outcome instanceof CheckInOutcome.Refused refused) {
                return UploadResult.refused("the console refused the check-in (" + refused.error().code() + "): "
                        + refused.error().message(), checkNow, collectHistory);
            }
            CheckInResponse response = ((CheckInOutcome.Accepted) outcome).response();
            long before = outbox.status().acknowledged();
            outbox.ack(response.highestSequence());
            consolePolicy = response.policyVersion();
            long nextBefore = outbox.status().nextSequence();
            for (Command command : response.commands()) {
                CommandExecutor.Effect effect = commands.execute(command);
                checkNow |= effect == CommandExecutor.Effect.CHECK_NOW;
                collectHistory |= effect == CommandExecutor.Effect.COLLECT_HISTORY;
            }
            boolean newResults = outbox.status().nextSequence() > nextBefore;
            boolean progressed = outbox.status().acknowledged() > before;
            long waiting = outbox.status().unacknowledged();
            if (waiting == 0) {
                return UploadResult.sent(checkNow, collectHistory, consolePolicy);
            }
            if (!progressed && !newResults && !batch.isEmpty()) {
                // The console holds a gap before this batch and cannot acknowledge it; sending again will not help.
                return UploadResult.offline("the console acknowledged nothing of " + batch.size() + " events "
                        + "(it holds up to " + response.highestSequence() + ")", checkNow, collectHistory);
            }
        }
    }
}
