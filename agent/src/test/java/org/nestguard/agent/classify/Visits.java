package org.nestguard.agent.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.policy.CategoryRule;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.HistoryRule;

/** Visits, setting rules and list folders for the classifier's tests. */
final class Visits {
    private Visits() {
    }

    static Visit page(String url, String title) {
        return new Visit(Instant.parse("2026-11-23T10:15:30Z"), url, title, "chrome", "Default", "pupil1",
                AccountKind.LEARNER, "link", null);
    }

    static Visit search(String terms) {
        String url = "https://www.google.com/search?q=" + terms.replace(' ', '+') + "&oq=x&sourceid=chrome";
        return new Visit(Instant.parse("2026-11-23T10:15:30Z"), url, terms + " - Google Search", "chrome",
                "Default", "pupil1", AccountKind.LEARNER, "typed", terms);
    }

    /** A setting that adds {@code categories} (name, severity, name, severity...). */
    static HistoryRule rule(Object... categories) {
        List<CategoryRule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < categories.length; i += 2) {
            rules.add(new CategoryRule((String) categories[i], (Severity) categories[i + 1]));
        }
        return new HistoryRule(HistoryRule.Upload.FLAGGED, null, Period.ofYears(6), null, rules,
                List.of(new Clause("7.3.4", "monitoring internet and web access")));
    }

    /** Writes {@code lines} as list {@code origin/list}'s {@code kind} file, counting toward {@code category}. */
    static void writeList(Path lists, String origin, String list, String category, ListKind kind, String... lines)
            throws IOException {
        Path folder = lists.resolve(origin).resolve(list);
        Files.createDirectories(folder);
        StringBuilder text = new StringBuilder("# test list\n# category: " + category + "\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(folder.resolve(kind.fileName()), text, StandardCharsets.UTF_8);
    }
}
