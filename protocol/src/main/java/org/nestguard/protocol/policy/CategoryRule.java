package org.nestguard.protocol.policy;

import java.util.regex.Pattern;
import org.nestguard.protocol.monitoring.Severity;

/**
 * A safeguarding category the setting monitors beyond the standard list, or a standard one with another severity.
 *
 * @param name     lower-case words joined by hyphens, such as {@code gaming}; the classifier loads the lists
 *                 of that name
 * @param severity how urgent its flags are
 */
public record CategoryRule(String name, Severity severity) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public CategoryRule {
        Fields.requireText("name", name);
        if (!NAME.matcher(name).matches()) {
            throw new PolicyFieldException("name", "'" + name + "' is not a category name; expected lower-case "
                    + "words joined by hyphens, such as gaming or self-harm");
        }
        Fields.require("severity", severity, "low, medium, high or critical");
    }
}
