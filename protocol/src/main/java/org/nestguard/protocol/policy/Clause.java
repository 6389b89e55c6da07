package org.nestguard.protocol.policy;

/**
 * Where a control comes from in the setting's own online safety policy, so a report can say why a device fails.
 *
 * @param section the section as printed in the policy ("7.5.1"), or the heading where it has no number
 * @param quote   the policy's words, short and exact
 */
public record Clause(String section, String quote) {
    public Clause {
        Fields.requireText("section", section);
        Fields.requireText("quote", quote);
    }

    @Override
    public String toString() {
        // Numbered sections read "§7.5.1"; policies without numbers (004) are cited by their heading.
        String where = Character.isDigit(section.charAt(0)) ? "§" + section : "\u2039" + section + "\u203a";
        return where + " \u201c" + quote + "\u201d";
    }
}
