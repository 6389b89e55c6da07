package org.nestguard.agent.classify.importer;

/** An import that cannot be done at all; the message says what was wrong and what to do. */
public final class ListImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ListImportException(String message) {
        super(message);
    }
}
