package org.nestguard.agent.enrolment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.agent.transport.EnrolOutcome;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.Fingerprint;
import org.nestguard.agent.quarantine.EvidenceKeyStore;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.EnrollmentResponse;

/**
 * Enrols this device: makes its key pair, sends a CSR with the token and the device's facts to a console whose CA
 * is pinned by fingerprint, checks everything that comes back, and only then writes the data folder.
 */
public final class Enroller {
    private final AgentHome home;
    private final Supplier<DeviceFacts> facts;
    private final Clock clock;
    private final Duration timeout;

    public Enroller(AgentHome home, Supplier<DeviceFacts> facts, Clock clock, Duration timeout) {
        this.home = home;
        this.facts = facts;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Checks that {@code text} is an https URL with a host; the command line's first line of defence. */
    public static URI consoleUri(String text) throws EnrolmentException {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new EnrolmentException(EnrolmentException.Kind.INVALID_INPUT, "the console URL '" + text
                    + "' is not a URL (" + e.getReason() + "); give it as https://HOST:PORT, for example "
                    + "https://console.school.example:8443");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new EnrolmentException(EnrolmentException.Kind.INVALID_INPUT, "the console URL '" + text
                    + "' must start with https:// and name a host, for example https://console.school.example:8443");
        }
        return URI.create("https://" + uri.getRawAuthority() + "/");
    }

    /** Enrols with the console at {@code console}; nothing is written unless every check passes. */
    public EnrolmentResult enroll(URI console, String token, String caFingerprint) throws EnrolmentException {
        if (token == null || token.isBlank()) {
            throw new EnrolmentException(EnrolmentException.Kind.INVALID_INPUT,
                    "the enrolment token is empty; give the token 'nestguard-console token create' printed");
        }
        Fingerprint pinned;
        PinnedTrust trust = new PinnedTrust(clock);
        ConsoleClient client;
        try {
            pinned = Fingerprint.parse(caFingerprint);
            client = new ConsoleClient(console, trust.forEnrolment(caFingerprint), timeout);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentException(EnrolmentException.Kind.INVALID_INPUT, e.getMessage());
        }
        DeviceKeys keys = DeviceKeys.generate();
        DeviceFacts device = facts.get();
        EnrollmentRequest request = new EnrollmentRequest(token.strip(),
                keys.certificationRequestPem(device.hostname()), device);
        EnrolOutcome outcome = client.enroll(request);
        if (outcome instanceof EnrolOutcome.Untrusted untrusted) {
            throw new EnrolmentException(EnrolmentException.Kind.UNTRUSTED_CONSOLE, "the console at " + console
                    + " was not trusted, so nothing was sent to it: " + untrusted.reason()
                    + " Check the fingerprint against the one the console printed at its first start.");
        }
        if (outcome instanceof EnrolOutcome.Unreachable unreachable) {
            throw new EnrolmentException(EnrolmentException.Kind.UNREACHABLE, unreachable.reason());
        }
        if (outcome instanceof EnrolOutcome.Refused refused) {
            throw new EnrolmentException(EnrolmentException.Kind.REFUSED, "the console refused the enrolment ("
                    + refused.error().code() + "): " + refused.error().message());
        }
        return store(console, pinned, keys, ((EnrolOutcome.Enrolled) outcome).response());
    }

    private EnrolmentResult store(URI console, Fingerprint pinned, DeviceKeys keys, EnrollmentResponse response)
            throws EnrolmentException {
        X509Certificate ca;
        X509Certificate certificate;
        try {
            ca = Pem.readCertificate(response.caCertificatePem(), "the console's CA certificate");
            certificate = Pem.readCertificates(response.certificatePem(), "the device certificate").get(0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("its certificates cannot be read: " + e.getMessage());
        }
        if (!Fingerprint.of(ca).equals(pinned)) {
            throw new EnrolmentException(EnrolmentException.Kind.UNTRUSTED_CONSOLE, "the console sent a CA "
                    + "certificate with fingerprint " + Fingerprint.of(ca) + " but the pinned fingerprint is "
                    + pinned + "; nothing was stored. Check the fingerprint against the one the console printed.");
        }
        if (!samePublicKey(certificate.getPublicKey(), keys.keyPair().getPublic())) {
            throw invalid("the certificate it signed is not for this device's key");
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw invalid("the device certificate is not signed by the pinned CA");
        }
        if (response.deviceId() == null || response.deviceId().isBlank()) {
            throw invalid("it did not say which device id it gave this device");
        }
        try {
            new PolicyLoader().parse("the setting's policy from the console", response.policyYaml());
        } catch (PolicyException | RuntimeException e) {
            throw invalid("the setting's policy does not load: " + e.getMessage());
        }
        if (response.evidenceKeyPem() != null) {
            try {
                KeyWrap.requireStrong(Pem.readPublicKey(response.evidenceKeyPem(), "the console's evidence key"));
            } catch (IllegalArgumentException | InvalidKeyException e) {
                throw invalid("its evidence key cannot be used: " + e.getMessage());
            }
        }
        Enrolment enrolment = new Enrolment(console.toString(), response.deviceId(), response.settingId(),
                pinned.toString(), clock.instant());
        try {
            home.create();
            Optional<Path> previous = home.moveOutboxAside(clock.instant());
            home.storeDeviceKey(Pem.write(keys.keyPair().getPrivate()));
            home.storeCertificates(response.certificatePem(), response.caCertificatePem());
            home.storePolicy(response.policyVersion(), response.policyYaml());
            if (response.evidenceKeyPem() != null) {
                // Without it isolation is refused until the console sends an evidence-key command.
                new EvidenceKeyStore(home).store(response.evidenceKeyPem(), "the console's evidence key");
            }
            home.storeEnrolment(enrolment);
            return new EnrolmentResult(enrolment, response.policyVersion(), previous);
        } catch (IOException | UncheckedIOException e) {
            throw new EnrolmentException(EnrolmentException.Kind.LOCAL_STORAGE, "the device enrolled but its data"
                    + " folder " + home.root() + " cannot be written (" + e.getMessage() + "); run the agent as"
                    + " the account that owns it, then enrol again with a new token");
        }
    }

    private static boolean samePublicKey(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static EnrolmentException invalid(String what) {
        return new EnrolmentException(EnrolmentException.Kind.INVALID_RESPONSE, "the console's enrolment answer was"
                + " refused because " + what + "; nothing was stored. Check the console's log and its version.");
    }
}
