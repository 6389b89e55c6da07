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
     * Accounts with uid at least UID_MIN, a login shell and an existing home folder (root excluded: nobody works at
     * the desktop as root; without a home there are no desktop settings or per-user applications).
     */
    public List<PasswdFile.Entry> desktopUsers() throws ProbeException {
        int uidMin = uidMin();
        return passwd().entries().stream()
                .filter(e -> e.uid() != 0 && e.isHuman(uidMin) && !e.home().isEmpty() && root.exists(e.home()))
                .toList();
    }
}
