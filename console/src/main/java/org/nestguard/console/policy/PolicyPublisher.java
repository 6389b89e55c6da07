package org.nestguard.console.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nestguard.console.store.Commands;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.Settings;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/**
 * Makes a policy current for its setting: validated exactly as the agent's check command validates it, stored as
 * the setting's next version, and sent to every device of the setting as an {@code update-policy} command.
 */
public final class PolicyPublisher {
    /** The command type that carries a new policy to a device; payload: version, yaml. */
    public static final String UPDATE_POLICY = "update-policy";

    private final Settings settings;
    private final Commands commands;

    public PolicyPublisher(Settings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /**
     * Publishes {@code yaml} (named {@code source} in errors). With {@code expectedSettingIdOrNull} the policy must
     * belong to that setting; with {@code addSettingIfNew} a setting the console does not know yet is added from
     * the policy's own id and name.
     */
    public Published publish(String source, String yaml, String expectedSettingIdOrNull, boolean addSettingIfNew,
                             String author, String reason) throws PolicyException {
        Policy policy = new PolicyLoader().parse(source, yaml);
        String settingId = policy.setting().id();
        if (expectedSettingIdOrNull != null && !expectedSettingIdOrNull.equals(settingId)) {
            throw new PolicyException(source, 0, 0, "setting.id", "is '" + settingId + "' but the policy was sent "
                    + "for setting '" + expectedSettingIdOrNull + "'; send it to that setting's address instead",
                    null);
        }
        boolean added = false;
        if (settings.find(settingId).isEmpty()) {
            if (!addSettingIfNew) {
                throw new PolicyException(source, 0, 0, "setting.id", "names setting '" + settingId + "', which "
                        + "this console does not serve; import it with nestguard-console policy import FILE", null);
            }
            settings.add(settingId, policy.setting().name());
            added = true;
        }
        PolicyVersion stored = settings.storePolicy(settingId, yaml, author, reason);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("version", stored.version()).put("yaml", yaml);
        int queued = commands.enqueueForSetting(settingId, UPDATE_POLICY, payload);
        return new Published(settingId, added, stored.version(), queued);
    }

    /** What publishing came to: the setting (and whether it was new), the version stored, devices told. */
    public record Published(String settingId, boolean settingAdded, int version, int devicesQueued) {
    }
}
