package org.nestguard.agent.classify;

import java.util.Optional;

/** What one list file holds; the file is named after it inside the list's folder. */
public enum ListKind {
    /** Domains, one a line, matched on a visit's host and its parent domains. */
    DOMAINS("domains"),
    /** URL prefixes without scheme, one a line ({@link UrlPrefix}). */
    URLS("urls"),
    /** Extended regular expressions over host and path, one a line ({@link UrlExpression}). */
    EXPRESSIONS("expressions"),
    /** Weighted phrases ({@link PhraseRule}); in the allow-list, plain phrases ({@link Phrase}). */
    PHRASES("phrases");

    private final String fileName;

    ListKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** The kind a file of this name holds, if any. */
    public static Optional<ListKind> ofFileName(String name) {
        for (ListKind kind : values()) {
            if (kind.fileName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
