package org.nestguard.agent.classify.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import read: the lists, every line skipped and why, and notes about whole files or lists left out
 * (an unmapped category, an empty file, a file decoded as ISO-8859-1), so nothing is dropped silently.
 *
 * @param format  the format's name
 * @param source  the path given
 * @param lists   the lists, at least one with entries
 * @param skipped lines not imported
 * @param notes   whole files and lists not imported, and how files were read
 */
public record ImportResult(String format, Path source, List<ImportedList> lists, List<SkippedLine> skipped,
                           List<String> notes) {
    public ImportResult {
        lists = List.copyOf(lists);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }
}
