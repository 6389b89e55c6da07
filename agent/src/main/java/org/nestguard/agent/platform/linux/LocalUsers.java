package org.nestguard.agent.platform.linux;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/** Reads {@code /etc/passwd} and {@code /etc/login.defs} through the host root to find the people's accounts. */
public final class LocalUsers {
    static final int DEFAULT_UID_MIN = 1000;
    private static final Pattern UID_MIN = Pattern.compile("(?m)^\\s*UID_MIN\\s+(\\d+)\\s*$");

    private final HostRoot root;

    public LocalUsers(HostRoot root) {
        this.root = root;
    }

    public PasswdFile passwd() throws ProbeException {
        return PasswdFile.parse(root.read("/etc/passwd"));
    }

    /** UID_MIN from login.defs, or 1000 (the shadow-utils default) when the file or the key is missing. */
    public int uidMin() throws ProbeException {
        return parseUidMin(root.readIfExists("/etc/login.defs").orElse(""));
    }

    static int parseUidMin(String loginDefs) {
        Matcher m = UID_MIN.matcher(loginDefs);
        return m.find() ? Integer.parseInt(m.group(1)) : DEFAULT_UID_MIN;
    }

    /**
     * The one rule for "a person can log on with this account": uid 0 or at least UID_MIN, a login shell, and not
     * nobody. Accounts and passwords are judged for every person, root included (root's password opens the machine).
     */
    static boolean isPerson(PasswdFile.Entry entry, int uidMin) {
        return (entry.uid() == 0 || entry.uid() >= uidMin) && entry.hasLoginShell() && !entry.name().equals("nobody");
    }

    /**
     * The people ({@link #isPerson}) who have a desktop of their own: root is left out because nobody works at the
     * desktop as root, and so are accounts without an existing home, which hold no desktop settings or per-user
     * applications. Screen lock and per-user software are judged for these.
     */
    public List<PasswdFile.Entry> desktopUsers() throws ProbeException {
        int uidMin = uidMin();
        return passwd().entries().stream()
                .filter(e -> isPerson(e, uidMin) && e.uid() != 0 && !e.home().isEmpty() && root.exists(e.home()))
                .toList();
    }
}
