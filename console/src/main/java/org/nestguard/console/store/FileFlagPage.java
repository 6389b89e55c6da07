package org.nestguard.console.store;

import java.util.List;

/** One page of file flags, newest first; {@code next} asks for the following page (null: no more). */
public record FileFlagPage(List<FileFlagSummary> flags, String next) {
}
