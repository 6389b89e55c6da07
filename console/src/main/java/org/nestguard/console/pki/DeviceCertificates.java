package org.nestguard.console.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Turns the client certificate of an agent call into the device it speaks for: issued by this console's CA, valid
 * now, for client authentication, naming one device. Revocation is the store's check, by {@link #serialOf}.
 */
public final class DeviceCertificates {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509Certificate ca;
    private final Clock clock;

    /** {@code ca} is this console's CA certificate. */
    public DeviceCertificates(X509Certificate ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /** The serial number as lower-case hexadecimal without leading zeros: the key revocation is recorded under. */
    public static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** The device behind {@code chain} (client certificate first), or why it is not one of this console's devices. */
    public DeviceIdentity identify(X509Certificate[] chain) throws UntrustedDeviceException {
        if (chain == null || chain.length == 0) {
            throw new UntrustedDeviceException("no client certificate was presented; an agent calls with the "
                    + "device certificate it received at enrolment (enrol the device if it has none)");
        }
        X509Certificate device = chain[0];
        String subject = device.getSubjectX500Principal().getName();
        try {
            device.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new UntrustedDeviceException("the client certificate '" + subject + "' was not issued by this "
                    + "console's CA; enrol the device with this console");
        }
        try {
            device.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new UntrustedDeviceException("the device certificate '" + subject + "' expired on "
                    + device.getNotAfter().toInstant() + "; enrol the device again");
        } catch (CertificateNotYetValidException e) {
            throw new UntrustedDeviceException("the device certificate '" + subject + "' is not valid until "
                    + device.getNotBefore().toInstant() + "; check the console's clock");
        }
        requireClientAuth(device, subject);
        return new DeviceIdentity(commonName(device, subject), serialOf(device));
    }

    /** {@link #identify(X509Certificate[])} for a list. */
    public DeviceIdentity identify(List<X509Certificate> chain) throws UntrustedDeviceException {
        return identify(chain.toArray(X509Certificate[]::new));
    }

    private static void requireClientAuth(X509Certificate device, String subject) throws UntrustedDeviceException {
        List<String> usages;
        try {
            usages = device.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            usages = null;
        }
        // The CA's own server certificate must not pass as a device.
        if (usages == null || !usages.contains(CLIENT_AUTH)) {
            throw new UntrustedDeviceException("the certificate '" + subject + "' is not a device certificate (it is "
                    + "not for client authentication); agents call with the certificate received at enrolment");
        }
    }

    private static String commonName(X509Certificate device, String subject) throws UntrustedDeviceException {
        RDN[] names = X500Name.getInstance(device.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (names.length != 1 || names[0].isMultiValued()
                || !(names[0].getFirst().getValue() instanceof ASN1String value) || value.getString().isBlank()) {
            throw new UntrustedDeviceException("the device certificate '" + subject + "' does not name exactly one "
                    + "device in its common name; enrol the device again");
        }
        return value.getString();
    }
}
