package org.nestguard.console.store;

/** Which monitoring records the console holds for a setting, so an alert can say when no policy covers them. */
public record Holdings(String settingId, boolean visits, boolean flags, boolean notices) {
}
