package org.nestguard.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.interfaces.ECPublicKey;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {

    @Test
    void keysAreFreshP256() {
        DeviceKeys first = DeviceKeys.generate();
        DeviceKeys second = DeviceKeys.generate();

        ECPublicKey key = (ECPublicKey) first.keyPair().getPublic();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertNotEquals(first.keyPair().getPublic(), second.keyPair().getPublic());
    }

    @Test
    void csrIsSignedByTheDeviceKeyAndNamesTheHost() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();

        JcaPKCS10CertificationRequest request =
                new JcaPKCS10CertificationRequest(keys.certificationRequest("library-laptop-3"));

        assertTrue(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getPublicKey())));
        assertEquals(keys.keyPair().getPublic(), request.getPublicKey());
        assertEquals("library-laptop-3", commonName(request));
    }

    @Test
    void blankHostNameGetsThePlaceholder() {
        PKCS10CertificationRequest request = DeviceKeys.generate().certificationRequest("  ");

        assertEquals(DeviceKeys.PLACEHOLDER_NAME, commonName(request));
    }

    @Test
    void hostNameWithDnSpecialCharactersStaysOneName() {
        PKCS10CertificationRequest request = DeviceKeys.generate().certificationRequest("Head's PC, Office=1");

        assertEquals("Head's PC, Office=1", commonName(request));
        assertEquals(1, request.getSubject().getRDNs().length);
    }

    private static String commonName(PKCS10CertificationRequest request) {
        return ((ASN1String) request.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()).getString();
    }
}
