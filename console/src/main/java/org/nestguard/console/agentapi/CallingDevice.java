package org.nestguard.console.agentapi;

import io.javalin.http.Context;
import java.security.cert.X509Certificate;
import org.nestguard.console.pki.DeviceCertificates;
import org.nestguard.console.pki.DeviceIdentity;
import org.nestguard.console.pki.UntrustedDeviceException;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.Devices;

/**
 * Who is calling: the device named by the TLS client certificate, and nothing the request body says. Refuses a
 * call without a certificate, with one this console did not issue, or from a revoked device.
 */
public final class CallingDevice {
    // where Jetty 11's SecureRequestCustomizer puts the verified client chain
    private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";

    private final DeviceCertificates certificates;
    private final Devices devices;

    public CallingDevice(DeviceCertificates certificates, Devices devices) {
        this.certificates = certificates;
        this.devices = devices;
    }

    /** The id of the device whose certificate made this call. */
    public String of(Context ctx) {
        X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute(CLIENT_CHAIN);
        if (chain == null || chain.length == 0) {
            throw new ApiProblem(401, "client-certificate-required", "This call needs the device certificate "
                    + "received at enrolment; enrol the device first with nestguard-agent enroll");
        }
        DeviceIdentity identity;
        try {
            identity = certificates.identify(chain);
        } catch (UntrustedDeviceException e) {
            throw new ApiProblem(403, "certificate-untrusted", "The client certificate is not accepted: "
                    + e.getMessage());
        }
        String device = devices.deviceFor(identity.serial()).orElseThrow(() -> new ApiProblem(403,
                "device-revoked", "This device was revoked; re-enrol it with a new token"));
        if (!device.equals(identity.deviceId())) {
            // cannot happen with certificates this console issued; refuse rather than trust either name
            throw new ApiProblem(403, "certificate-untrusted", "The client certificate names another device than "
                    + "the one it was issued to; re-enrol the device with a new token");
        }
        return device;
    }
}
