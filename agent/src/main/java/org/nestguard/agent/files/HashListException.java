package org.nestguard.agent.files;

/** A hash list could not be read or used; the message names the file, the line and what to do. */
public final class HashListException extends Exception {
    public HashListException(String message) {
        super(message);
    }

    public HashListException(String message, Throwable cause) {
        super(message, cause);
    }
}
