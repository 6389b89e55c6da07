package org.nestguard.agent.files;

import java.io.IOException;
import org.nestguard.protocol.files.FileFlagged;

/** A flag could not be recorded (the outbox failed); the index does not remember it, so it is found again. */
public final class FlagNotRecordedException extends IOException {
    public FlagNotRecordedException(FileFlagged flag, IOException cause) {
        super("the flag for " + flag.facts().path() + " could not be recorded: " + cause.getMessage(), cause);
    }
}
