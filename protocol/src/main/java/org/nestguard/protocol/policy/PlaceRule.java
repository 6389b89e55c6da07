package org.nestguard.protocol.policy;

import java.util.List;
import org.nestguard.protocol.files.FileKind;

/**
 * Files of some kinds in one watched folder are flagged, such as an executable in Downloads that is not on the
 * approved software list.
 *
 * @param folder          a folder of {@link FileCheckRule#watch()}
 * @param kinds           the kinds flagged there
 * @param unlessApproved  true: an executable whose file name matches an entry of {@code software.approved} is not
 *                        flagged
 * @param reason          what the DSL or technician reads about why it matters
 */
public record PlaceRule(String folder, List<FileKind> kinds, Boolean unlessApproved, String reason) {
    public PlaceRule {
        folder = Fields.requireText("folder", folder);
        kinds = Fields.listOrEmpty(kinds);
        if (kinds.isEmpty()) {
            throw new PolicyFieldException("kinds", "missing or empty; expected one or more of image, video, "
                    + "document, executable, archive, other");
        }
        Fields.require("unlessApproved", unlessApproved, "true or false");
        reason = Fields.requireText("reason", reason);
    }

}
