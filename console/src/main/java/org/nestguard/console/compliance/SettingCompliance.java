package org.nestguard.console.compliance;

import java.time.LocalDate;
import java.util.List;
import org.nestguard.console.store.ComplianceDay;

/** A setting's compliance now: how many devices it has, and per control how many pass, fail, are unknown or exempt. */
public record SettingCompliance(String settingId, int devices, List<ControlCompliance> controls) {

    /** The figures as the day's record of the trend. */
    public List<ComplianceDay> day(LocalDate day) {
        return controls.stream().map(counts -> new ComplianceDay(day, counts.control(), counts.passing(),
                counts.failing(), counts.unknown(), counts.notApplicable())).toList();
    }

    /** Every control any device has reported, sorted. */
    public List<String> controlNames() {
        return controls.stream().map(ControlCompliance::control).toList();
    }
}
