package org.nestguard.console.pki;

import java.security.PublicKey;

import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** The checks a device's certificate signing request must pass before the CA signs it. */
final class SigningRequests {
    private SigningRequests() {
    }

    /**
     * The request's public key, once its self-signature verifies (the device holds the private key) and the key is
     * strong enough; otherwise an {@link IllegalArgumentException} saying which check failed.
     */
    static PublicKey verifiedKey(PKCS10CertificationRequest request) {
        PublicKey key;
        try {
            key = new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the certificate signing request's public key cannot be read; "
                    + "send a CSR made by the Nestguard agent (EC P-256)");
        }
        KeyStrength.require(key, "the certificate signing request");
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("the certificate signing request's signature does not verify "
                    + "against its own public key, so it was altered or not made by the key's holder; make a new "
                    + "request on the device and enrol again");
        }
        return key;
    }
}
