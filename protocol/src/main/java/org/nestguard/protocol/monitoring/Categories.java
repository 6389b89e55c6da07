package org.nestguard.protocol.monitoring;

import java.util.List;
import java.util.Map;

/**
 * The safeguarding categories of the DfE filtering and monitoring standard and the UK Safer Internet Centre's
 * "appropriate monitoring" guidance, with the severity each has unless the setting's policy says otherwise.
 */
public final class Categories {
    /** The canary category of the monitoring self-test: never a real concern, always reported. */
    public static final String SELF_TEST = "self-test";

    /** Standard categories and their default severities. */
    public static final Map<String, Severity> STANDARD = Map.ofEntries(
            Map.entry("illegal", Severity.CRITICAL),
            Map.entry("child-sexual-exploitation", Severity.CRITICAL),
            Map.entry("suicide", Severity.CRITICAL),
            Map.entry("self-harm", Severity.HIGH),
            Map.entry("extremism", Severity.HIGH),
            Map.entry("pornography", Severity.HIGH),
            Map.entry("bullying", Severity.HIGH),
            Map.entry("violence", Severity.MEDIUM),
            Map.entry("discrimination", Severity.MEDIUM),
            Map.entry("drugs", Severity.MEDIUM),
            Map.entry("gambling", Severity.MEDIUM));

    /** The standard names in the order the DfE list gives them, for reports. */
    public static final List<String> ORDER = List.of("illegal", "bullying", "child-sexual-exploitation",
            "discrimination", "drugs", "extremism", "gambling", "pornography", "self-harm", "suicide", "violence");

    private Categories() {
    }
}
