package org.nestguard.agent.platform.linux;

import java.util.Optional;

/**
 * The fields of a freedesktop.org {@code .desktop} file that matter for an application list.
 *
 * @param name         the untranslated Name
 * @param shown        false for NoDisplay=true, Hidden=true or a Type other than Application
 * @param snapInstance X-SnapInstanceName, which snapd writes into the entries it exports
 * @param flatpak      X-Flatpak, the application id flatpak writes into the entries it exports
 */
public record DesktopEntry(String name, boolean shown, String snapInstance, String flatpak) {

    /** Parses a desktop file; empty when it has no [Desktop Entry] group with a Name. */
    public static Optional<DesktopEntry> parse(String text) {
        KeyFile file = KeyFile.parse(text);
        String group = "Desktop Entry";
        Optional<String> name = file.get(group, "Name");
        if (name.isEmpty() || name.get().isBlank()) {
            return Optional.empty();
        }
        boolean shown = file.get(group, "Type").orElse("Application").equals("Application")
                && !file.getBoolean(group, "NoDisplay").orElse(false)
                && !file.getBoolean(group, "Hidden").orElse(false);
        return Optional.of(new DesktopEntry(name.get(), shown, file.get(group, "X-SnapInstanceName").orElse(null),
                file.get(group, "X-Flatpak").orElse(null)));
    }
}
