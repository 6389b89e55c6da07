package org.nestguard.agent.check;

import java.net.InetAddress;
import java.util.List;
import org.nestguard.agent.platform.AddressProbe;
import org.nestguard.agent.platform.EncryptionProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.protocol.policy.EncryptionRule;
import org.nestguard.protocol.policy.Policy;

/**
 * Every fixed volume is encrypted with its protection in force. Where the policy requires encryption only off
 * the premises, an unencrypted volume passes while the device is on a premises network, and says it must stay.
 */
public final class EncryptionCheck implements Check {
    private final EncryptionProbe probe;
    private final AddressProbe addresses;

    public EncryptionCheck(EncryptionProbe probe, AddressProbe addresses) {
        this.probe = probe;
        this.addresses = addresses;
    }

    @Override
    public Control control() {
        return Control.ENCRYPTION;
    }

    @Override
    public CheckResult run(Policy policy) {
        EncryptionRule rule = policy.encryption();
        if (rule == null) {
            return CheckResult.notApplicable(control(), "the setting's policy sets no disk-encryption rule");
        }
        List<VolumeEncryption> volumes;
        try {
            volumes = probe.volumes();
        } catch (ProbeException e) {
            return CheckResult.unknown(control(), "volumes could not be read: " + e.getMessage(), rule.clauses());
        }
        Findings findings = new Findings(control());
        String onPremises = rule.required() == EncryptionRule.Required.OFF_PREMISES ? premisesNetwork(policy, findings)
                : null;
        for (VolumeEncryption volume : volumes) {
            judge(volume, onPremises, findings);
        }
        return findings.result(rule.clauses(), volumes.size() + " volume(s) encrypted with protection on",
                "no fixed volumes were found to check");
    }

    private void judge(VolumeEncryption v, String onPremises, Findings findings) {
        String item = v.role().name().toLowerCase() + " volume " + v.volume() + " (" + v.device() + ")";
        String method = v.method() == null ? "" : ", " + v.method();
        switch (v.state()) {
            case ENCRYPTED -> {
                switch (v.protection()) {
                    case ON -> findings.pass(item, "encrypted" + method + ", protection on", v.source());
                    case OFF -> findings.fail(item, "encrypted but protection is off (suspended): the key is "
                            + "readable without a password; resume protection", v.source());
                    case UNKNOWN -> findings.unknown(item, "encrypted" + method
                            + ", but whether protection is on could not be read", v.source());
                }
            }
            case ENCRYPTING -> unencrypted(item, "encryption in progress" + percent(v)
                    + ": not yet protected", onPremises, findings, v.source());
            case DECRYPTING -> unencrypted(item, "decryption in progress" + percent(v), onPremises, findings, v.source());
            case NOT_ENCRYPTED -> unencrypted(item, "not encrypted", onPremises, findings, v.source());
            case UNKNOWN -> findings.unknown(item, "encryption state could not be read", v.source());
        }
    }

    private static void unencrypted(String item, String what, String onPremises, Findings findings, String source) {
        if (onPremises != null) {
            findings.pass(item, what + "; allowed while on the premises (" + onPremises
                    + "), but this device must not leave the premises until it is encrypted", source);
        } else {
            findings.fail(item, what, source);
        }
    }

    private static String percent(VolumeEncryption v) {
        return v.percentEncrypted() == null ? "" : " (" + v.percentEncrypted() + "% encrypted)";
    }

    /** The premises network the device is on, or null when it is off the premises or that cannot be told. */
    private String premisesNetwork(Policy policy, Findings findings) {
        List<InetAddress> current;
        try {
            current = addresses.addresses();
        } catch (ProbeException e) {
            findings.note("location", "could not tell whether the device is on the premises: " + e.getMessage()
                    + "; treated as off the premises", "network interfaces");
            return null;
        }
        for (InetAddress address : current) {
            if (policy.premises().containsAny(List.of(address))) {
                findings.note("location", "on the premises: " + address.getHostAddress() + " is in "
                        + policy.premises().networks(), "network interfaces");
                return address.getHostAddress();
            }
        }
        findings.note("location", "off the premises: no address in " + policy.premises().networks()
                + " (addresses: " + current.stream().map(InetAddress::getHostAddress).toList() + ")",
                "network interfaces");
        return null;
    }
}
