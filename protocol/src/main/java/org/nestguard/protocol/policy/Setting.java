package org.nestguard.protocol.policy;

import java.util.regex.Pattern;

/**
 * Who the policy belongs to.
 *
 * @param id     short stable identifier, lower case with hyphens ({@code ditton-junior})
 * @param name   the setting's name as people write it
 * @param source the online safety policy document this file expresses
 * @param policyDate when that document was adopted or last reviewed, as the document prints it
 */
public record Setting(String id, String name, String source, String policyDate) {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Setting {
        Fields.requireText("id", id);
        if (!ID.matcher(id).matches()) {
            throw new PolicyFieldException("id", "'" + id + "' is not a valid setting id; expected lower-case letters, "
                    + "digits and single hyphens, such as ditton-junior");
        }
        Fields.requireText("name", name);
        Fields.requireText("source", source);
    }
}
