package org.nestguard.console.store;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an entry in a concern's record says: an action taken, advice sought, parents informed, an agency (police,
 * LADO, children's social care) contacted, or the lessons learnt. Each says which of its fields it needs.
 */
public enum CaseEntryKind {
    ACTION("action", "Action taken", null, "What was done"),
    ADVICE("advice", "Advice sought", "Who was asked", "Outcome"),
    PARENTS("parents", "Parents or carers informed", "Informed by", "How, and what was said"),
    AGENCY("agency", "Police or LADO contacted", "Which agency", "Notes"),
    LESSONS("lessons", "Lessons learnt", null, "Lessons learnt, and any policy or curriculum change");

    private final String id;
    private final String label;
    private final String partyLabel;
    private final String detailLabel;

    CaseEntryKind(String id, String label, String partyLabel, String detailLabel) {
        this.id = id;
        this.label = label;
        this.partyLabel = partyLabel;
        this.detailLabel = detailLabel;
    }

    /** The name in the store and the forms. */
    @JsonValue
    public String id() {
        return id;
    }

    /** What the record calls an entry of this kind. */
    public String label() {
        return label;
    }

    /** What the party field means for this kind, or null when the kind has none (the recorder is the party). */
    public String partyLabel() {
        return partyLabel;
    }

    /** What the detail field means for this kind. */
    public String detailLabel() {
        return detailLabel;
    }

    /** Whether the kind needs a detail: an agency contact may be only its name and reference. */
    public boolean detailRequired() {
        return this != AGENCY;
    }

    /** The kind with this name, or a refusal listing the names. */
    public static CaseEntryKind parse(String text) {
        for (CaseEntryKind kind : values()) {
            if (kind.id.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("entry kind '" + text + "' is not one this record keeps; give one of "
                + "action, advice, parents, agency, lessons");
    }
}
