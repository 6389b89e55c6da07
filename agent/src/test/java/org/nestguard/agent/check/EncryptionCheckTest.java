package org.nestguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.nestguard.agent.platform.AddressProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;
import org.junit.jupiter.api.Test;

class EncryptionCheckTest {
    private static final AddressProbe ON_PREMISES = () -> List.of(address(10, 20, 4, 17));
    private static final AddressProbe AT_HOME = () -> List.of(address(192, 168, 1, 20));

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static VolumeEncryption volume(String name, EncryptionState state, Protection protection, Integer percent) {
        return new VolumeEncryption(name, "/dev/test", VolumeRole.SYSTEM, state, protection, percent, "LUKS2", "test");
    }

    private static CheckResult run(AddressProbe where, String required, VolumeEncryption... volumes) {
        return new EncryptionCheck(() -> List.of(volumes), where)
                .run(TestPolicies.everyControl(y -> y.replace("required: always", "required: " + required)));
    }

    @Test
    void encryptedWithProtectionOnPasses() {
        CheckResult r = run(AT_HOME, "always", volume("/", EncryptionState.ENCRYPTED, Protection.ON, 100));
        assertEquals(Status.PASS, r.status());
        assertEquals("7.5", r.clauses().get(0).section());
    }

    @Test
    void unencryptedRootFailsWhereEncryptionIsAlwaysRequired() {
        CheckResult r = run(ON_PREMISES, "always", volume("/", EncryptionState.NOT_ENCRYPTED, Protection.OFF, null));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("not encrypted"), r.summary());
    }

    @Test
    void suspendedBitLockerFailsEvenThoughFullyEncrypted() {
        CheckResult r = run(AT_HOME, "always", volume("C:", EncryptionState.ENCRYPTED, Protection.OFF, 100));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("suspended"), r.summary());
    }

    @Test
    void encryptionInProgressReportsProgressAndFails() {
        CheckResult r = run(AT_HOME, "always", volume("C:", EncryptionState.ENCRYPTING, Protection.OFF, 43));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.summary().contains("43%"), r.summary());
    }

    @Test
    void unreadableStateIsUnknownNeverPass() {
        CheckResult r = run(AT_HOME, "always", volume("/", EncryptionState.ENCRYPTED, Protection.ON, null),
                volume("/home", EncryptionState.UNKNOWN, Protection.UNKNOWN, null));
        assertEquals(Status.UNKNOWN, r.status());
    }

    @Test
    void offPremisesRuleAllowsAnUnencryptedDeviceOnSiteButSaysItMustStay() {
        CheckResult r = run(ON_PREMISES, "offPremises", volume("/", EncryptionState.NOT_ENCRYPTED, Protection.OFF, null));
        assertEquals(Status.PASS, r.status());
        assertTrue(r.evidence().stream().anyMatch(e -> e.value().contains("must not leave the premises")));
    }

    @Test
    void offPremisesRuleFailsAnUnencryptedDeviceOffSite() {
        CheckResult r = run(AT_HOME, "offPremises", volume("/", EncryptionState.NOT_ENCRYPTED, Protection.OFF, null));
        assertEquals(Status.FAIL, r.status());
    }

    @Test
    void offPremisesRuleTreatsUnknownLocationAsOffSite() {
        AddressProbe broken = () -> {
            throw new ProbeException("no interfaces");
        };
        CheckResult r = run(broken, "offPremises", volume("/", EncryptionState.NOT_ENCRYPTED, Protection.OFF, null));
        assertEquals(Status.FAIL, r.status());
    }

    @Test
    void probeFailureIsUnknownWithTheReason() {
        CheckResult r = new EncryptionCheck(() -> {
            throw new ProbeException("lsblk is not installed");
        }, AT_HOME).run(TestPolicies.everyControl());
        assertEquals(Status.UNKNOWN, r.status());
        assertTrue(r.summary().contains("lsblk is not installed"));
    }

    @Test
    void noVolumesIsUnknown() {
        assertEquals(Status.UNKNOWN, run(AT_HOME, "always").status());
    }
}
