package org.nestguard.agent.classify;

import java.util.Map;

/**
 * One list a {@link ListLibrary} loaded: its name, the category it counts toward, how many entries of each kind
 * it has, and where it was read from.
 *
 * @param name     such as {@code ut1/adult}
 * @param category a category name, or {@value ListLibrary#ALLOW} for the allow-list
 * @param entries  entries read, by kind
 * @param from     the folder it was read from, or "bundled with the agent"
 */
public record LoadedList(ListName name, String category, Map<ListKind, Integer> entries, String from) {
    public LoadedList {
        entries = Map.copyOf(entries);
    }
}
