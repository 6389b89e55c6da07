package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the console's commands ({@code check-now}, {@code update-policy}) once each, and records each
 * outcome as a {@code command-result} event so the console can mark the command complete.
 */
public final class CommandExecutor {
    /** Event type reporting a command's outcome. */
    public static final String COMMAND_RESULT = "command-result";
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

    private final AgentHome home;
    private final Outbox outbox;
    private final HandledCommands handled;
    private final ObjectMapper json = WireJson.mapper();

    public CommandExecutor(AgentHome home, Outbox outbox, HandledCommands handled) {
        this.home = home;
        this.outbox = outbox;
        this.handled = handled;
    }

    /**
     * Carries out {@code command} unless it was already handled.
     *
     * @return true when the command asks for a check cycle now
     */
    public boolean execute(Command command) throws IOException {
        if (command.id() == null || handled.contains(command.id())) {
            // Its result is already in the outbox (or on the console); acting again would repeat it.
            return false;
        }
        boolean checkNow = false;
        CommandResult result;
        switch (command.type() == null ? "" : command.type()) {
            case "check-now" -> {
                checkNow = true;
                result = new CommandResult(command.id(), command.type(), "done", "a check cycle was started");
            }
            case "update-policy" -> result = updatePolicy(command);
            default -> result = new CommandResult(command.id(), command.type(), "unsupported",
                    "this agent does not know the command '" + command.type() + "'; update the agent");
        }
        // Result first, then the id: a crash between them repeats an idempotent command rather than losing its result.
        outbox.append(COMMAND_RESULT, json.valueToTree(result));
        handled.add(command.id());
        LOG.info("Command {} ({}): {} - {}", command.id(), command.type(), result.outcome(), result.message());
        return checkNow;
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
