package org.nestguard.agent.platform;

/**
 * A notice shown to people around logon.
 *
 * @param title  caption where the mechanism has one, otherwise null
 * @param text   the text shown
 * @param where  the screen it appears on (Windows logon, GDM greeter, console login, macOS login window)
 * @param stage  when people see it, which decides whether it counts as telling them before they use the device
 * @param source the file, key or command it was read from
 */
public record LogonNotice(String title, String text, String where, Stage stage, String source) {

    /** When a notice is seen. */
    public enum Stage {
        /** On the screen every user logs on through, before logging on. */
        BEFORE_LOGON,
        /** Before logon, but only on a path most users never take (text console or SSH on a desktop machine). */
        BEFORE_SECONDARY_LOGON,
        /** Only after logging on (message of the day). */
        AFTER_LOGON
    }
}
