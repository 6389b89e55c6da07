package org.nestguard.console.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.SecretKey;
import org.nestguard.console.store.WrappedItemKey;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.files.KeyWrap;

/**
 * The console's evidence key: the RSA key pair every quarantine item key is wrapped for. Made (3072 bits) on first
 * start in {@code <data>/pki/evidence.key} (600, beside the CA), or supplied by the operator. Its private half
 * never leaves this object: it unwraps an item key only to deliver a release or rewrap it for a police recipient.
 */
public final class EvidenceKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String fingerprint;

    private EvidenceKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = KeyWrap.fingerprint(publicKey);
    }

    /** The key in the data folder, made there first if there is none (two consoles starting together make one). */
    public static EvidenceKey openOrCreate(Path dataDir) {
        CaFolder folder = new CaFolder(dataDir);
        try (FileChannel lock = folder.lock()) {
            if (Files.exists(folder.evidenceKeyFile())) {
                return of(folder.readEvidenceKey(), folder.evidenceKeyFile().toString());
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KeyWrap.MIN_RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            folder.saveEvidenceKey(pair.getPrivate(), pair.getPublic());
            return new EvidenceKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + folder.evidenceKeyFile().getParent(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make RSA keys", e);
        }
    }

    /** An operator's own RSA private key (PEM, at least 3072 bits); the public half is derived from it. */
    public static EvidenceKey fromFile(Path privateKeyPem) {
        return of(Pem.readPrivateKey(Pem.readFile(privateKeyPem), privateKeyPem.toString()), privateKeyPem.toString());
    }

    private static EvidenceKey of(PrivateKey key, String source) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException(source + " is not an RSA private key with its public exponent; the "
                    + "evidence key is RSA, at least " + KeyWrap.MIN_RSA_BITS + " bits");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            KeyWrap.requireStrong(publicKey);
            return new EvidenceKey(key, publicKey);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(source + " cannot be the evidence key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot read RSA keys", e);
        }
    }

    /** The public key devices wrap item keys for. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM, as the enrolment response and the evidence-key command carry it. */
    public String publicKeyPem() {
        return Pem.write(publicKey);
    }

    /** SHA-256 of the public key's DER encoding, hex, as items name the key they are wrapped for. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The item key in clear. Call only to put it straight into a release's delivery; never store or log it.
     *
     * @throws GeneralSecurityException when the item is wrapped for another key, or the wrapped key is damaged
     */
    public SecretKey unwrap(WrappedItemKey key) throws GeneralSecurityException {
        if (!fingerprint.equals(key.evidenceKeyFingerprint())) {
            throw new InvalidKeyException("item " + key.itemId() + " is wrapped for evidence key "
                    + key.evidenceKeyFingerprint() + ", not this console's " + fingerprint + "; restore the evidence "
                    + "key it was made with (serve --evidence-key FILE)");
        }
        return KeyWrap.unwrap(key.wrapped(), privateKey);
    }

    /** The item key wrapped for a police recipient instead (their key: RSA, at least 3072 bits). */
    public String rewrapFor(WrappedItemKey key, PublicKey recipient) throws GeneralSecurityException {
        KeyWrap.requireStrong(recipient);
        SecretKey itemKey = unwrap(key);
        return KeyWrap.wrap(itemKey, recipient);
    }

    @Override
    public String toString() {
        return "EvidenceKey[" + fingerprint + "]";
    }
}
