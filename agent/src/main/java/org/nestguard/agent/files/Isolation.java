package org.nestguard.agent.files;

import java.io.IOException;
import java.util.List;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.QuarantineItem;

/** Isolates a flagged file in place: the quarantine vault implements it, the file scanner calls it. */
public interface Isolation {
    /**
     * Moves the file {@code facts} describes into the vault, encrypted, and leaves the note at its path; records
     * the {@code quarantine} event itself.
     *
     * @return the new item
     * @throws IsolationRefusedException when the file is not isolated (changed since it was hashed, the device has
     *                                   no evidence key yet, ...): the file stays where it was, and the message
     *                                   says why
     */
    QuarantineItem isolate(FileFacts facts, List<FileRuleMatch> matches, String commandId)
            throws IsolationRefusedException, IOException;
}
