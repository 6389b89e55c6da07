package org.nestguard.agent.platform;

/**
 * An installed application, as a person would name it in an approved-software list.
 *
 * @param name        display name (Firefox, Google Chrome, Scratch 3)
 * @param version     version where known
 * @param publisher   vendor where known
 * @param osComponent true when it came with the operating system (Debian archive package, /System/Applications,
 *                    Microsoft-published Windows component)
 * @param user        the account it is installed for, or null for all users
 * @param source      where it was found (dpkg, snap, flatpak, a .desktop file, a registry key, /Applications)
 */
public record InstalledApp(String name, String version, String publisher, boolean osComponent, String user,
                           String source) {
}
