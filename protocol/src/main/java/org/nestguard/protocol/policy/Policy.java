package org.nestguard.protocol.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A setting's policy: who it is, its roles and term dates, and one rule per control it sets. A control the
 * setting's own policy does not set is null: the checks report it as not applicable rather than invent a rule.
 */
public record Policy(
        Integer schemaVersion,
        Setting setting,
        Roles roles,
        List<Term> termDates,
        Premises premises,
        Schedule schedule,
        PasswordRule passwords,
        ScreenLockRule screenLock,
        EncryptionRule encryption,
        LearnerRule learners,
        AntivirusRule antivirus,
        FirewallRule firewall,
        UpdateRule updates,
        SoftwareRule software,
        LogonNoticeRule logonNotice,
        RemovableMediaRule removableMedia,
        MonitoringRule monitoring,
        FileCheckRule fileChecks,
        FilteringRule filtering,
        SocialMediaRule socialMedia) {

    public static final int SCHEMA_VERSION = 1;

    public Policy {
        Fields.require("schemaVersion", schemaVersion, "1");
        if (schemaVersion != SCHEMA_VERSION) {
            throw new PolicyFieldException("schemaVersion", "is " + schemaVersion + "; this version of Nestguard reads "
                    + "schemaVersion " + SCHEMA_VERSION);
        }
        Fields.require("setting", setting, "the setting's id, name and source document");
        roles = roles == null ? new Roles(null, null, null, null, null) : roles;
        termDates = Fields.listOrEmpty(termDates);
        premises = premises == null ? new Premises(null) : premises;
        schedule = schedule == null ? Schedule.DEFAULT : schedule; // documented default, not a guess at a typo
        for (int i = 1; i < termDates.size(); i++) {
            Term before = termDates.get(i - 1);
            Term term = termDates.get(i);
            if (!term.start().isAfter(before.end())) {
                throw new PolicyFieldException("termDates[" + i + "].start", "term '" + term.name() + "' starts on "
                        + term.start() + ", not after '" + before.name() + "' ends on " + before.end()
                        + "; expected terms in date order without overlaps");
            }
        }
        if (passwords != null && passwords.maxAge() instanceof PasswordAge.EveryTerm && termDates.isEmpty()) {
            throw new PolicyFieldException("passwords.maxAge", "is 'term' but the policy has no termDates; "
                    + "add the setting's terms, such as termDates: [{name: Autumn 2026, start: 2026-09-03, end: 2026-12-18}]");
        }
        if (encryption != null && encryption.required() == EncryptionRule.Required.OFF_PREMISES
                && premises.networks().isEmpty()) {
            throw new PolicyFieldException("encryption.required", "is 'offPremises' but premises.networks is empty; "
                    + "list the setting's networks so a device can tell it has left, or use 'always'");
        }
    }

    /**
     * The term a password must have been set in: the latest term that has started on or before {@code day}.
     * Empty before the first listed term or after the last one ends, when the calendar needs new dates.
     */
    public Optional<Term> currentTerm(LocalDate day) {
        Term current = null;
        for (Term term : termDates) {
            if (!term.start().isAfter(day)) {
                current = term;
            }
        }
        if (current == null) {
            return Optional.empty();
        }
        boolean last = current == termDates.get(termDates.size() - 1);
        if (last && day.isAfter(current.end())) {
            return Optional.empty();
        }
        return Optional.of(current);
    }
}
