package org.nestguard.console.compliance;

import org.nestguard.console.store.Device;

/**
 * A device off its setting's premises whose disk encryption does not pass (the alert of policy 004).
 *
 * @param encryption the encryption result's status, or {@value #NO_RESULT}
 */
public record OffPremises(Device device, String encryption) {
    /** The policy clause the alert rests on. */
    public static final String CLAUSE = "004: \"Setting issued devices should not leave the premises unless "
            + "encrypted\"";
    /** What stands for the status when the device never reported its encryption. */
    public static final String NO_RESULT = "NO RESULT";
}
