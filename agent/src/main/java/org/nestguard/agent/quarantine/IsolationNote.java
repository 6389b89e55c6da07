package org.nestguard.agent.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.nestguard.protocol.policy.Policy;

/**
 * The short text left at a file's path when it is isolated: by whom (the setting, under its safeguarding policy),
 * when, the item id, and whom to ask (the DSL the policy names). It names nothing of the file's content.
 */
public record IsolationNote(String settingName, List<String> dsl, ZoneId zone) {
    /** The line that marks a note as the one for an item, so release and recovery know their own note. */
    static final String ITEM_LINE = "Nestguard item: ";
    /** Anything larger at the path is not a note of ours. */
    static final int MAX_BYTES = 4096;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);

    public IsolationNote {
        dsl = List.copyOf(dsl);
    }

    /** The note under {@code policy}: its setting's name and its DSL. */
    public static IsolationNote of(Policy policy, ZoneId zone) {
        return new IsolationNote(policy.setting().name(), policy.roles().dsl(), zone);
    }

    public byte[] text(String itemId, Instant isolatedAt) {
        String ask = dsl.isEmpty() ? "the setting's Designated Safeguarding Lead"
                : "the setting's Designated Safeguarding Lead (" + String.join(", ", dsl) + ")";
        String text = "This file was isolated by " + settingName + " under its safeguarding policy on "
                + DATE.format(isolatedAt.atZone(zone)) + ".\n"
                + "It has not been deleted. Only the setting can decide what happens to it.\n"
                + "If you have a question about it, ask " + ask + ".\n"
                + "\n"
                + ITEM_LINE + itemId + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code content} is the note for {@code itemId}. */
    static boolean isNoteFor(byte[] content, String itemId) {
        return content.length <= MAX_BYTES
                && new String(content, StandardCharsets.UTF_8).contains("\n" + ITEM_LINE + itemId + "\n");
    }
}
