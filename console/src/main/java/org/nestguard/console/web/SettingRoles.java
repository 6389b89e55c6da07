package org.nestguard.console.web;

import java.util.List;

/** A row of the home page: one setting (id null: every setting), its name, and the roles held there. */
public record SettingRoles(String settingId, String settingName, List<String> roles) {
}
