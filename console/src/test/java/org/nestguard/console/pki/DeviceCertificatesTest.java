package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.crypto.DeviceKeys;

class DeviceCertificatesTest {
    private static final Clock CLOCK = Clock.systemUTC();
    @TempDir
    Path data;
    private CertificateAuthority ca;
    private DeviceCertificates devices;

    @BeforeEach
    void openCa() {
        ca = CertificateAuthority.openOrCreate(data.resolve("console"), CLOCK);
        devices = new DeviceCertificates(ca.certificate(), CLOCK);
    }

    private X509Certificate deviceCertificate(CertificateAuthority issuer, String deviceId) {
        return issuer.signDevice(DeviceKeys.generate().certificationRequest("host"), deviceId);
    }

    @Test
    void aDeviceCertificateOfThisCaNamesItsDeviceAndSerial() throws Exception {
        X509Certificate certificate = deviceCertificate(ca, "dev-42");

        DeviceIdentity identity = devices.identify(List.of(certificate, ca.certificate()));

        assertEquals("dev-42", identity.deviceId());
        assertEquals(certificate.getSerialNumber(), new BigInteger(identity.serial(), 16));
        assertEquals(DeviceCertificates.serialOf(certificate), identity.serial());
    }

    @Test
    void serialIsLowerCaseHexWithoutLeadingZeros() {
        String serial = DeviceCertificates.serialOf(deviceCertificate(ca, "dev-1"));

        assertTrue(serial.matches("[1-9a-f][0-9a-f]*"), serial);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        CertificateAuthority other = CertificateAuthority.openOrCreate(data.resolve("other"), CLOCK);
        X509Certificate foreign = deviceCertificate(other, "dev-42");

        UntrustedDeviceException error = assertThrows(UntrustedDeviceException.class,
                () -> devices.identify(List.of(foreign)));

        assertTrue(error.getMessage().contains("was not issued by this console's CA"), error.getMessage());
    }

    @Test
    void theConsolesOwnServerCertificateCannotActAsADevice() {
        X509Certificate server = ca.issueServerIdentity(ServerNames.of(null, List.of())).certificate();

        UntrustedDeviceException error = assertThrows(UntrustedDeviceException.class,
                () -> devices.identify(List.of(server)));

        assertTrue(error.getMessage().contains("is not a device certificate"), error.getMessage());
    }

    @Test
    void anExpiredDeviceCertificateIsRefusedWithWhatToDo() {
        X509Certificate certificate = deviceCertificate(ca, "dev-9");
        DeviceCertificates later = new DeviceCertificates(ca.certificate(),
                Clock.fixed(Instant.now().plus(Duration.ofDays(800)), ZoneOffset.UTC));

        UntrustedDeviceException error = assertThrows(UntrustedDeviceException.class,
                () -> later.identify(List.of(certificate)));

        assertTrue(error.getMessage().contains("expired on"), error.getMessage());
        assertTrue(error.getMessage().contains("enrol the device again"), error.getMessage());
    }

    @Test
    void noCertificateAtAllIsRefused() {
        UntrustedDeviceException error = assertThrows(UntrustedDeviceException.class,
                () -> devices.identify(new X509Certificate[0]));

        assertTrue(error.getMessage().contains("no client certificate"), error.getMessage());
    }
}
