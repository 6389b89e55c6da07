package org.nestguard.console.pki;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** The public keys the console will certify: EC on P-256 or P-384, or RSA of at least 2048 bits. */
final class KeyStrength {
    private static final int MIN_RSA_BITS = 2048;

    private KeyStrength() {
    }

    /** Returns normally for an acceptable key; otherwise an {@link IllegalArgumentException} saying what is needed. */
    static void require(PublicKey key, String whose) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException(whose + " has a " + bits + "-bit RSA key, which is too weak; "
                        + "use an EC P-256 key (as the Nestguard agent makes) or RSA of at least 2048 bits");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            // Field size identifies the NIST prime curves; the order check rules out other 256/384-bit curves.
            String order = ec.getParams().getOrder().toString(16);
            boolean p256 = bits == 256 && order.equals(
                    "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
            boolean p384 = bits == 384 && order.equals("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
                    + "581a0db248b0a77aecec196accc52973");
            if (!p256 && !p384) {
                throw new IllegalArgumentException(whose + " has an EC key on a " + bits + "-bit curve that is not "
                        + "P-256 or P-384; use an EC P-256 key (as the Nestguard agent makes)");
            }
            return;
        }
        throw new IllegalArgumentException(whose + " has a " + key.getAlgorithm() + " key; the console certifies "
                + "only EC (P-256, P-384) and RSA (2048 bits or more) keys");
    }
}
