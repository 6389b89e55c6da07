package org.nestguard.console.agentapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import org.nestguard.console.pki.DeviceCertificates;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.JsonBody;
import org.nestguard.console.store.DeviceEnrolment;
import org.nestguard.console.store.DeviceOnHoldException;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.TokenConsumption;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.EnrollmentResponse;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code POST /api/agent/v1/enroll}: a token and a CSR in, a device certificate and the setting's policy out.
 * Everything that can be refused without spending a token use is checked before the use is taken.
 */
public final class EnrolHandler implements Handler {
    // signing a throw-away certificate is the CA's own check of the CSR (signature, key strength) before a use is spent
    private static final String CSR_CHECK_ID = "csr-check";

    private final Console console;
    private final JsonBody body;

    public EnrolHandler(Console console, JsonBody body) {
        this.console = console;
        this.body = body;
    }

    @Override
    public void handle(Context ctx) {
        EnrollmentRequest request = body.read(ctx, EnrollmentRequest.class);
        if (request.token() == null || request.csrPem() == null || request.facts() == null) {
            throw new ApiProblem(400, "malformed-request", "The enrolment request must carry token, csrPem and "
                    + "facts; send all three");
        }
        PKCS10CertificationRequest csr = checkedCsr(request.csrPem());
        refuseHeldHardware(request);
        String settingId = settingFor(console.tokens().inspect(request.token()));
        PolicyVersion policy = console.settings().currentPolicy(settingId).orElseThrow(() -> new ApiProblem(409,
                "no-policy", "Setting '" + settingId + "' has no policy yet, so a device cannot enrol into it; "
                + "import one with nestguard-console policy import FILE, then enrol again with the same token"));
        settingFor(console.tokens().consume(request.token()));
        AtomicReference<X509Certificate> issued = new AtomicReference<>();
        DeviceEnrolment enrolment;
        try {
            enrolment = console.devices().enrol(settingId, request.facts(), deviceId -> {
                X509Certificate certificate = console.ca().signDevice(csr, deviceId);
                issued.set(certificate);
                return DeviceCertificates.serialOf(certificate);
            });
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", "The device's facts cannot be used: " + e.getMessage());
        } catch (DeviceOnHoldException e) {
            // put on hold between the check above and this enrolment: the token use is spent, the refusal stands
            throw new ApiProblem(409, "device-on-hold", e.getMessage());
        }
        console.devices().evidenceKeySent(enrolment.deviceId(), console.evidenceKey().fingerprint());
        ctx.json(new EnrollmentResponse(enrolment.deviceId(), Pem.write(issued.get()),
                Pem.write(console.ca().certificate()), settingId, policy.version(), policy.yaml(),
                console.evidenceKey().publicKeyPem()));
    }

    // a held device is kept as it is until police advice has been recorded: re-enrolling its hardware is refused
    // before a token use is spent
    private void refuseHeldHardware(EnrollmentRequest request) {
        try {
            console.devices().recognise(request.facts()).ifPresent(deviceId ->
                    console.holds().refuseIfHeld(deviceId, "enrolling the same hardware again"));
        } catch (DeviceOnHoldException e) {
            throw new ApiProblem(409, "device-on-hold", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", "The device's facts cannot be used: " + e.getMessage());
        }
    }

    private PKCS10CertificationRequest checkedCsr(String pem) {
        try {
            PKCS10CertificationRequest csr = Pem.readCertificationRequest(pem, "the enrolment request's CSR");
            console.ca().signDevice(csr, CSR_CHECK_ID);
            return csr;
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "csr-invalid", "The certificate signing request cannot be used: "
                    + e.getMessage() + "; the agent makes a fresh key pair and CSR when enrolment is run again");
        }
    }

    private static String settingFor(TokenConsumption consumption) {
        return switch (consumption.status()) {
            case ACCEPTED -> consumption.settingId();
            case UNKNOWN -> throw new ApiProblem(401, "token-unknown", "This console issued no such enrolment "
                    + "token; check it was copied whole, or create one with nestguard-console token create");
            case USED_UP -> throw new ApiProblem(403, "token-used-up", "This enrolment token has been used as many "
                    + "times as it allows; create another with nestguard-console token create --uses N");
            case EXPIRED -> throw new ApiProblem(403, "token-expired", "This enrolment token has expired; create "
                    + "another with nestguard-console token create --expires P7D");
        };
    }
}
