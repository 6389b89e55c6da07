package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

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

    @StoreTest
    void aKeyCarriesItsRolesSettingAndOwnAccounts(StoreKind kind) {
        Database database = open(kind);
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        ApiKeys keys = new ApiKeys(database, clock, new SecureRandom());
        IssuedApiKey jane = keys.create("Jane Smith", List.of(Role.DSL, Role.MANAGER), "ditton-junior",
                List.of("JSmith", " ACME\\jsmith "));
        IssuedApiKey admin = keys.create("Alice");

        Person person = keys.authenticate(jane.secret()).orElseThrow();
        assertEquals(jane.key().id(), person.id());
        assertEquals(EnumSet.of(Role.DSL, Role.MANAGER), person.roles());
        assertEquals("ditton-junior", person.settingId());
        assertEquals(Set.of("jsmith", "acme\\jsmith"), person.deviceAccounts());
        assertTrue(person.owns("JSMITH"));
        Person alice = keys.authenticate(admin.secret()).orElseThrow();
        assertEquals(Set.of(Role.ADMIN), alice.roles(), "a key made without roles is an administrator's");
        assertEquals(null, alice.settingId());
        assertTrue(keys.authenticate("nga_nope").isEmpty());
        assertEquals(List.of("Alice", "Jane Smith"), keys.list().stream().map(Person::name).toList());
    }

    @StoreTest
    void aSafeguardingRoleNeedsASettingAndTheSettingMustExist(StoreKind kind) {
        Database database = open(kind);
        ApiKeys keys = new ApiKeys(database, clock, new SecureRandom());
        IllegalArgumentException noSetting = assertThrows(IllegalArgumentException.class,
                () -> keys.create("Ruth", List.of(Role.DSL), null, List.of()));
        assertTrue(noSetting.getMessage().contains("--setting ID"), noSetting.getMessage());
        StoreException unknown = assertThrows(StoreException.class,
                () -> keys.create("Ruth", List.of(Role.DSL), "nowhere", List.of()));
        assertTrue(unknown.getMessage().contains("'nowhere'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> keys.create("Ruth", List.of(Role.TECHNICAL), null, List.of(" ")));
        assertTrue(keys.list().isEmpty(), "nothing of a refused key is kept");
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class, () -> Role.parse("governor"));
        assertTrue(role.getMessage().contains("admin, technical, dsl, deputy-dsl, manager, headteacher"),
                role.getMessage());
    }
}
