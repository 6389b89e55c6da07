package org.nestguard.console.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeyTest {
    @TempDir
    Path data;

    @Test
    void aSealedSecretOpensOnlyWithTheSameKeyAndForTheSameOwner() {
        SecretsKey key = SecretsKey.openOrCreate(data);
        String sealed = key.seal("JBSWY3DPEHPK3PXP", "account-1");
        assertTrue(SecretsKey.isSealed(sealed));
        assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
        assertNotEquals(sealed, key.seal("JBSWY3DPEHPK3PXP", "account-1"), "a fresh nonce every time");
        assertEquals("JBSWY3DPEHPK3PXP", key.open(sealed, "account-1"));
        assertEquals("JBSWY3DPEHPK3PXP", SecretsKey.openOrCreate(data).open(sealed, "account-1"),
                "the same data folder gives the same key after a restart");
        IllegalStateException moved = assertThrows(IllegalStateException.class, () -> key.open(sealed, "account-2"));
        assertTrue(moved.getMessage().contains("does not open"), moved.getMessage());
        assertThrows(IllegalStateException.class, () -> SecretsKey.of(new byte[32]).open(sealed, "account-1"));
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(IllegalStateException.class, () -> key.open(altered, "account-1"));
        assertFalse(SecretsKey.isSealed("JBSWY3DPEHPK3PXP"), "a secret stored before sealing existed");
    }

    @Test
    void theKeyFileIsReadableByTheConsoleAloneAndADamagedOneIsRefused() throws Exception {
        SecretsKey.openOrCreate(data);
        Path file = data.resolve("pki").resolve("secrets.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.writeString(file, "not a key");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SecretsKey.openOrCreate(data));
        assertTrue(refused.getMessage().contains("restore it from backup"), refused.getMessage());
    }
}
