package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parsed {@code /etc/passwd}: one entry per account, plus the lines that could not be parsed. */
public record PasswdFile(List<Entry> entries, List<String> problems) {

    public PasswdFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** One {@code name:password:uid:gid:gecos:home:shell} line. */
    public record Entry(String name, String password, int uid, int gid, String home, String shell) {

        /** Whether the shell lets a person log on (passwd(5): an empty shell means /bin/sh). */
        public boolean hasLoginShell() {
            return !(shell.endsWith("/nologin") || shell.endsWith("/false") || shell.equals("/bin/sync"));
        }
    }

    public static PasswdFile parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue; // NIS compat markers are not local accounts
            }
            String[] f = line.split(":", -1);
            if (f.length < 7) {
                problems.add("passwd line with " + f.length + " of 7 fields: " + f[0]);
                continue;
            }
            try {
                entries.add(new Entry(f[0], f[1], Integer.parseInt(f[2].strip()), Integer.parseInt(f[3].strip()),
                        f[5], f[6].strip()));
            } catch (NumberFormatException e) {
                problems.add("passwd line for " + f[0] + " has a non-numeric uid or gid");
            }
        }
        return new PasswdFile(entries, problems);
    }

    public Optional<Entry> byName(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
