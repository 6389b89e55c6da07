package org.nestguard.agent.check;

import java.util.List;
import java.util.TreeSet;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.SoftwareProbe;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.SoftwareRule;

/** Every installed application is on the setting's approved list ("Not downloading unapproved software"). */
public final class SoftwareCheck implements Check {
    private final SoftwareProbe probe;

    public SoftwareCheck(SoftwareProbe probe) {
        this.probe = probe;
    }

    @Override
    public Control control() {
        return Control.SOFTWARE;
    }

    @Override
    public CheckResult run(Policy policy) {
        SoftwareRule rule = policy.software();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no approved-software rule");
        }
        SoftwareInventory inventory;
        try {
            inventory = probe.installed();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "installed software could not be read: " + e.getMessage(),
                    rule.clauses());
        }
        List<InstalledApp> apps = inventory.apps();
        Findings findings = new Findings(control());
        for (String place : inventory.unreadable()) {
            findings.unknown(place, "could not be read, so applications installed there are not known", place);
        }
        TreeSet<String> osComponents = new TreeSet<>();
        TreeSet<String> approved = new TreeSet<>();
        for (InstalledApp app : apps) {
            String label = app.name() + (app.version() == null ? "" : " " + app.version());
            if (app.osComponent() && rule.approveOsComponents()) {
                osComponents.add(app.name());
                continue;
            }
            String entry = rule.approvedEntryFor(app.name());
            if (entry != null) {
                approved.add(app.name());
                continue;
            }
            findings.fail(label, "not on the approved list" + (app.user() == null ? "" : "; installed for "
                    + app.user()) + (app.publisher() == null ? "" : "; publisher " + app.publisher()), app.source());
        }
        if (!approved.isEmpty()) {
            findings.pass("approved applications", approved.size() + ": " + String.join(", ", approved),
                    "approved list in the policy");
        }
        if (!osComponents.isEmpty()) {
            // Operating-system applications pass the rule; with nothing else installed they are the whole verdict.
            findings.pass("operating-system applications", osComponents.size()
                    + " approved as part of the operating system", "installed software");
        }
        return findings.result(rule.clauses(), apps.size() + " application(s), all approved",
                "no applications were found");
    }
}
