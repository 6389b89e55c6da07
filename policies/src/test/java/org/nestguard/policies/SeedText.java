package org.nestguard.policies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A seed policy's text normalised for comparing quotes: curly quotes made straight, markdown emphasis and
 * link syntax removed, whitespace collapsed. The seeds use all of these inconsistently (research §0, §6).
 */
record SeedText(String normalised, List<String> lines) {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern NUMBERED = Pattern.compile("^[#*\\s·•\\-]*(\\d+(?:\\.\\d+)*)\\.?(?:\\s|$).*");

    static SeedText read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return new SeedText(normalise(text), text.lines().map(SeedText::normalise).toList());
    }

    static String normalise(String text) {
        String plain = LINK.matcher(text).replaceAll("$1")
                .replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u201c', '"').replace('\u201d', '"')
                .replace("*", "")
                .replace('\u00a0', ' ');
        return plain.replaceAll("\\s+", " ").strip();
    }

    boolean contains(String quote) {
        return normalised.contains(normalise(quote));
    }

    /**
     * Whether the seed prints this section: a line starting with the number (a heading or a contents entry),
     * or, for 004's unnumbered sub-headings, a line holding the heading's words.
     */
    boolean printsSection(String section) {
        if (section.matches("\\d+(\\.\\d+)*")) {
            return lines.stream().map(NUMBERED::matcher).anyMatch(m -> m.matches() && m.group(1).equals(section));
        }
        String heading = normalise(section);
        return lines.stream().anyMatch(line -> line.contains(heading));
    }
}
