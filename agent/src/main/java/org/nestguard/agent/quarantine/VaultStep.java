package org.nestguard.agent.quarantine;

/** The durable steps of isolation and release, in order; a crash after any of them is finished or undone. */
public enum VaultStep {
    /** The intent is in the journal. */
    JOURNALLED,
    /** Isolation: the file is sealed to {@code <id>.part} and fsync'd. */
    SEALED,
    /** Isolation: the sealed part opened with the in-memory key to the SHA-256 taken before. */
    VERIFIED,
    /** Isolation: the record is written and the part renamed to its final name. */
    STORED,
    /** Isolation: the note has replaced the file at its path. */
    NOTED,
    /** Release: the plain file is written beside its path, verified, with its times, owner and mode. */
    RESTORED,
    /** Release: the restored file has been renamed over the note (or beside a taken path). */
    RENAMED,
    /** Release: the item is removed from the vault. */
    REMOVED,
    /** The quarantine event is in the outbox; the journal entry goes next. */
    RECORDED
}
