package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;

class ApiKeysTest extends StoreTestBase {

    @StoreTest
    void aCreatedKeyVerifiesAndNothingElseDoes(StoreKind kind) {
        ApiKeys keys = new ApiKeys(open(kind), clock, new SecureRandom());
        IssuedApiKey admin = keys.create("admin");
        IssuedApiKey other = keys.create("reporting");

        assertEquals(admin.key(), keys.verify(admin.secret()).orElseThrow());
        assertEquals("reporting", keys.verify(other.secret()).orElseThrow().name());
        assertTrue(keys.verify(admin.secret() + "x").isEmpty());
        assertTrue(keys.verify(null).isEmpty());
        assertFalse(admin.toString().contains(admin.secret()));
    }

    @StoreTest
    void onlyTheHashIsStoredAndNamesAreUnique(StoreKind kind) {
        Database database = open(kind);
        ApiKeys keys = new ApiKeys(database, clock, new SecureRandom());
        IssuedApiKey admin = keys.create("admin");

        String stored = database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT key_hash FROM api_keys")) {
                row.next();
                return row.getString(1);
            }
        });
        assertEquals(Sha256.hex(admin.secret()), stored);
        StoreException duplicate = assertThrows(StoreException.class, () -> keys.create("admin"));
        assertTrue(duplicate.getMessage().contains("'admin' already exists"), duplicate.getMessage());
    }
}
