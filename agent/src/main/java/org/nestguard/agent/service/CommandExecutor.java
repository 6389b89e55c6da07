package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.quarantine.CommandOutcome;
import org.nestguard.agent.quarantine.QuarantineCommands;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the console's commands ({@code check-now}, {@code update-policy}, {@code self-test}, and the
 * flagged-file family through {@link QuarantineCommands}) once each, and
 * records each outcome as a {@code command-result} event so the console can mark the command complete.
 */
public final class CommandExecutor {
    /** Event type reporting a command's outcome. */
    public static final String COMMAND_RESULT = "command-result";
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    private static final Pattern SELF_TEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final AgentHome home;
    private final Outbox outbox;
    private final HandledCommands handled;
    private final CanaryHistory canary;
    private final Clock clock;
    private final QuarantineCommands quarantine;
    private final ObjectMapper json = WireJson.mapper();

    /**
     * @param canary     the history the monitoring self-test writes its canary visit to
     * @param quarantine the flagged-file, hold and outing commands
     */
    public CommandExecutor(AgentHome home, Outbox outbox, HandledCommands handled, CanaryHistory canary, Clock clock,
                           QuarantineCommands quarantine) {
        this.home = home;
        this.quarantine = quarantine;
        this.outbox = outbox;
        this.handled = handled;
        this.canary = canary;
        this.clock = clock;
    }

    /** What a command asks of the service beyond its own result. */
    public enum Effect {
        NONE,
        /** Run a check cycle now. */
        CHECK_NOW,
        /** Collect browser history soon (a self-test's canary visit is waiting). */
        COLLECT_HISTORY
    }

    /**
     * Carries out {@code command} unless it was already handled.
     *
     * @return what the service should do next because of it
     */
    public Effect execute(Command command) throws IOException {
        if (command.id() == null || handled.contains(command.id())) {
            // Its result is already in the outbox (or on the console); acting again would repeat it.
            return Effect.NONE;
        }
        Effect effect = Effect.NONE;
        CommandResult result;
        switch (command.type() == null ? "" : command.type()) {
            case "check-now" -> {
                effect = Effect.CHECK_NOW;
                result = new CommandResult(command.id(), command.type(), "done", "a check cycle was started");
            }
            case "update-policy" -> result = updatePolicy(command);
            case SelfTest.COMMAND -> {
                result = selfTest(command);
                effect = "done".equals(result.outcome()) ? Effect.COLLECT_HISTORY : Effect.NONE;
            }
            default -> result = QuarantineCommands.handles(command.type()) ? quarantine(command)
                    : new CommandResult(command.id(), command.type(), "unsupported",
                    "this agent does not know the command '" + command.type() + "'; update the agent");
        }
        // Result first, then the id: a crash between them repeats an idempotent command rather than losing its result.
        outbox.append(COMMAND_RESULT, json.valueToTree(result));
        handled.add(command.id());
        LOG.info("Command {} ({}): {} - {}", command.id(), command.type(), result.outcome(), result.message());
        return effect;
    }

    // Flagged files, holds and outings: one class for the family, so this switch stays small.
    private CommandResult quarantine(Command command) throws IOException {
        CommandOutcome outcome = quarantine.execute(command);
        return new CommandResult(command.id(), command.type(), outcome.done() ? "done" : "failed", outcome.message());
    }

    // The canary goes into the agent's own Chromium-format history, which the collector reads like any profile:
    // the flag that reaches the console has come through copy, reader, cursor, classifier and outbox.
    private CommandResult selfTest(Command command) throws IOException {
        JsonNode id = command.payload() == null ? null : command.payload().get("selfTestId");
        if (id == null || !id.isTextual() || !SELF_TEST_ID.matcher(id.asText()).matches()) {
            return new CommandResult(command.id(), command.type(), "failed", "the command carried no usable "
                    + "selfTestId (1 to 64 letters, digits or hyphens); no canary visit was recorded");
        }
        canary.append(SelfTest.url(id.asText()), SelfTest.title(id.asText()), clock.instant());
        return new CommandResult(command.id(), command.type(), "done", "canary visit recorded for self-test "
                + id.asText() + "; the next history collection reads it like any browser's");
    }

    private CommandResult updatePolicy(Command command) throws IOException {
        JsonNode payload = command.payload();
        if (payload == null || !payload.path("yaml").isTextual() || !payload.path("version").canConvertToInt()) {
            return new CommandResult(command.id(), command.type(), "failed",
                    "the command carried no policy version and YAML; the policy was not changed");
        }
        int version = payload.get("version").asInt();
        String yaml = payload.get("yaml").asText();
        try {
            new PolicyLoader().parse("policy version " + version + " from the console", yaml);
        } catch (PolicyException e) {
            return new CommandResult(command.id(), command.type(), "failed", "policy version " + version
                    + " was refused and the previous one kept: " + e.getMessage());
        }
        home.storePolicy(version, yaml);
        return new CommandResult(command.id(), command.type(), "done", "policy version " + version
                + " stored; it applies from the next check cycle");
    }
}
