package org.nestguard.agent.platform;

/**
 * A notice shown at logon.
 *
 * @param title  caption where the mechanism has one, otherwise null
 * @param text   the text shown
 * @param where  the screen it appears on (Windows logon, GDM greeter, console login, macOS login window)
 * @param source the file, key or command it was read from
 */
public record LogonNotice(String title, String text, String where, String source) {
}
