package org.nestguard.console.store;

/** The console store could not do what was asked; the message says what and what to do, never a secret. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
