package org.nestguard.agent.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One browser profile's history database on this device.
 *
 * @param browser     the browser's name as visits report it: chrome, edge, brave, chromium, firefox or safari
 * @param format      the database layout
 * @param account     the local OS account that owns the profile
 * @param name        the profile's name: Chromium's folder ("Default", "Profile 1"), Firefox's profile name,
 *                    "Safari" for Safari
 * @param historyFile the database file ({@code History}, {@code places.sqlite}, {@code History.db})
 */
public record BrowserProfile(String browser, HistoryFormat format, String account, String name, Path historyFile) {
    public BrowserProfile {
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(historyFile, "historyFile");
    }

    /** Identifies the profile across runs: the key its cursor is stored under. */
    public String key() {
        return browser + "|" + account + "|" + historyFile;
    }
}
