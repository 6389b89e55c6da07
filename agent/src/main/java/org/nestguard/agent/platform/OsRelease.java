package org.nestguard.agent.platform;

/**
 * The installed operating system.
 *
 * @param family  windows, macos, debian, ubuntu, ... (lower case; for Linux the os-release ID)
 * @param name    the name people know it by (Windows 11 Pro, macOS 15.1 Sequoia, Debian GNU/Linux 12 (bookworm))
 * @param version the version the support lifecycle is keyed on (for Windows 10/11 the feature release, e.g. 23H2;
 *                for macOS the major version; for Linux the os-release VERSION_ID)
 * @param build   build number where there is one, otherwise null
 * @param source  where this was read
 */
public record OsRelease(String family, String name, String version, String build, String source) {
}
