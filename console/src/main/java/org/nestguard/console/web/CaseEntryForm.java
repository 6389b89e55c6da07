package org.nestguard.console.web;

import org.nestguard.console.store.CaseEntry;
import org.nestguard.console.store.CaseEntryKind;

/** A concern page's add-entry form as it was sent, so a refused entry comes back filled in. */
public record CaseEntryForm(String kind, String date, String time, String party, String detail, String reference,
                            String corrects) {
    static final CaseEntryForm EMPTY = new CaseEntryForm(null, null, null, null, null, null, null);

    /** The text of a field for the page: "" for none. */
    public String text(String value) {
        return value == null ? "" : value;
    }

    /** Whether this kind was chosen (action when none was). */
    public boolean kindIs(CaseEntryKind candidate) {
        return kind == null ? candidate == CaseEntryKind.ACTION : candidate.id().equals(kind);
    }

    /** Whether this entry was the one chosen as corrected. */
    public boolean correcting(CaseEntry entry) {
        return entry.id().equals(corrects);
    }
}
