package org.nestguard.agent.check;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonNoticeProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.policy.LogonNoticeRule;
import org.nestguard.protocol.policy.Policy;

/**
 * A notice shown before logon tells users their use is monitored, with the setting's own text (§7.3: "All
 * users will be informed that use of our systems can be monitored"). Text after logon (motd) does not count.
 */
public final class LogonNoticeCheck implements Check {
    private final LogonNoticeProbe probe;

    public LogonNoticeCheck(LogonNoticeProbe probe) {
        this.probe = probe;
    }

    @Override
    public Control control() {
        return Control.LOGON_NOTICE;
    }

    @Override
    public CheckResult run(Policy policy) {
        LogonNoticeRule rule = policy.logonNotice();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy requires no monitoring notice");
        }
        List<LogonNotice> notices;
        try {
            notices = probe.notices();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "logon notices could not be read: " + e.getMessage(), rule.clauses());
        }
        Findings findings = new Findings(control());
        String wanted = normalise(rule.text());
        boolean shown = false;
        for (LogonNotice notice : notices) {
            boolean beforeLogon = notice.stage() == LogonNotice.Stage.BEFORE_LOGON;
            boolean hasText = normalise(notice.text()).contains(wanted);
            String excerpt = excerpt(notice.text());
            if (hasText && beforeLogon) {
                shown = true;
                findings.pass(notice.where(), "shows the setting's notice", notice.source());
            } else {
                findings.note(notice.where(), hasText ? "has the notice, but " + (notice.stage()
                        == LogonNotice.Stage.AFTER_LOGON ? "it is shown only after logon"
                        : "only on a logon path most users never see") : "shows other text: \"" + excerpt + "\"",
                        notice.source());
            }
        }
        if (!shown) {
            findings.fail("logon notice", notices.isEmpty() ? "none is configured; configure one with the text: \""
                    + rule.text() + "\"" : "no notice before logon carries the setting's text: \"" + rule.text() + "\"",
                    "");
        }
        return findings.result(rule.clauses(), "users are told at logon that their use is monitored",
                "no logon screen was found");
    }

    /** Compares text as a person reads it: case, spacing, line breaks and quote styles do not matter. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"');
        return folded.replaceAll("\\s+", " ").strip();
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
