package org.nestguard.console.auth;

/**
 * One role an account holds, in one setting or (null) every setting, which only the admin and technical roles
 * may have: a DSL is the DSL of a setting.
 */
public record Grant(Role role, String settingId) {
    public Grant {
        if (role == null) {
            throw new IllegalArgumentException("A grant needs a role: give one of " + Role.names());
        }
        settingId = settingId == null || settingId.isBlank() ? null : settingId.strip();
        if (settingId == null && role.safeguarding()) {
            throw new IllegalArgumentException("The role " + role.id() + " reads a setting's safeguarding records, "
                    + "so it needs the setting: add --setting ID");
        }
    }

    /** The setting as shown to people. */
    public String settingLabel() {
        return settingId == null ? "every setting" : settingId;
    }
}
