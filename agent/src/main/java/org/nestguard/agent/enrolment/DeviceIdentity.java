package org.nestguard.agent.enrolment;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The device's key, its certificate and the console CA it trusts, as loaded from the data folder. */
public record DeviceIdentity(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
}
