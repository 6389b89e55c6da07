package org.nestguard.agent.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.AntivirusProbe;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.policy.AntivirusRule;
import org.nestguard.protocol.policy.Policy;

/**
 * At least one antivirus product is on, scanning and has signatures no older than the policy allows. Other
 * products being off is normal (Defender steps back when another product is installed) and is only noted.
 */
public final class AntivirusCheck implements Check {
    private final AntivirusProbe probe;
    private final Clock clock;

    public AntivirusCheck(AntivirusProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    public Control control() {
        return Control.ANTIVIRUS;
    }

    @Override
    public CheckResult run(Policy policy) {
        AntivirusRule rule = policy.antivirus();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no antivirus rule");
        }
        List<AntivirusProduct> products;
        try {
            products = probe.products();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "antivirus could not be read: " + e.getMessage(), rule.clauses());
        }
        if (products.isEmpty()) {
            return new CheckResult(control(), Status.FAIL, "no antivirus product is installed", List.of(new Evidence(
                    "antivirus products", "none found", "the operating system's antivirus inventory", Status.FAIL)),
                    rule.clauses());
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String passing = null;
        boolean unreadable = false;
        for (AntivirusProduct product : products) {
            Judgement j = judge(product, rule.maxSignatureAge());
            evidence.add(new Evidence(product.name(), j.text(), product.source(), j.status()));
            if (j.status() == Status.PASS) {
                passing = passing == null ? product.name() + ": " + j.text() : passing;
            } else {
                unreadable |= j.status() == Status.UNKNOWN;
                problems.add(product.name() + ": " + j.text());
            }
        }
        // One good product is enough; otherwise an unreadable one might be good, so say UNKNOWN before FAIL.
        Status status = passing != null ? Status.PASS : unreadable ? Status.UNKNOWN : Status.FAIL;
        return new CheckResult(control(), status, passing != null ? passing : String.join("; ", problems), evidence,
                rule.clauses());
    }

    private record Judgement(Status status, String text) {
    }

    private Judgement judge(AntivirusProduct product, Duration maxAge) {
        if (Boolean.FALSE.equals(product.enabled())) {
            return new Judgement(Status.FAIL, "installed but switched off");
        }
        if (product.realTime() == AntivirusProduct.RealTime.OFF) {
            return new Judgement(Status.FAIL, "on, but real-time protection is off");
        }
        if (product.enabled() == null) {
            return new Judgement(Status.UNKNOWN, "whether it is switched on could not be read");
        }
        if (product.realTime() == AntivirusProduct.RealTime.UNREADABLE) {
            return new Judgement(Status.UNKNOWN, "on, but whether it scans files as they are opened could not be read");
        }
        String scanning = product.realTime() == AntivirusProduct.RealTime.ON_DEMAND_ONLY
                ? "on (scans on demand and on schedule; no on-access scanning)" : "on";
        Instant updated = product.signaturesUpdated();
        if (updated == null) {
            if (Boolean.TRUE.equals(product.signaturesCurrent())) {
                return new Judgement(Status.PASS, scanning + "; signatures reported up to date (no date given)");
            }
            if (Boolean.FALSE.equals(product.signaturesCurrent())) {
                return new Judgement(Status.FAIL, scanning + ", but its signatures are reported out of date");
            }
            return new Judgement(Status.UNKNOWN, scanning + ", but the age of its signatures could not be read");
        }
        Instant now = clock.instant();
        if (updated.isAfter(now.plus(Duration.ofDays(1)))) {
            return new Judgement(Status.UNKNOWN, "signatures dated " + updated
                    + ", in the future: the device's clock or the date read is wrong");
        }
        Duration age = Duration.between(updated, now);
        String version = product.signatureVersion() == null ? "" : " (version " + product.signatureVersion() + ")";
        if (age.compareTo(maxAge) > 0) {
            return new Judgement(Status.FAIL, "signatures " + age.toDays() + " days old" + version
                    + ", last updated " + updated + "; the policy allows " + maxAge.toDays() + " days");
        }
        return new Judgement(Status.PASS, scanning + "; signatures updated " + updated + version);
    }
}
