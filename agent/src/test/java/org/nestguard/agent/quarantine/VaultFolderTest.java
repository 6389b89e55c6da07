package org.nestguard.agent.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault folder's restriction: 0700 here; on Windows the ACL for SYSTEM and Administrators only. */
class VaultFolderTest {
    @TempDir
    Path dir;

    private record Principal(String getName) implements UserPrincipal {
    }

    @Test
    void theWindowsAclAdmitsSystemAndAdministratorsAloneWithFullControlInherited() {
        UserPrincipal system = new Principal("NT AUTHORITY\\SYSTEM");
        UserPrincipal admins = new Principal("BUILTIN\\Administrators");

        List<AclEntry> acl = VaultFolder.entries(system, admins);

        assertEquals(List.of(system, admins), acl.stream().map(AclEntry::principal).toList());
        for (AclEntry entry : acl) {
            assertEquals(AclEntryType.ALLOW, entry.type());
            assertEquals(EnumSet.allOf(AclEntryPermission.class), entry.permissions());
            assertEquals(Set.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT), entry.flags());
        }
    }

    @Test
    void aPosixVaultIsOwnerOnlyEvenWhenItExistedOpen() throws IOException {
        Path vault = Files.createDirectories(dir.resolve("vault"));
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rwxr-xr-x"));

        VaultFolder.secure(vault);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vault)));
    }

    @Test
    void aVaultThatIsASymlinkIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path vault = Files.createSymbolicLink(dir.resolve("vault"), elsewhere);

        IOException refused = assertThrows(IOException.class, () -> VaultFolder.secure(vault));
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
    }
}
