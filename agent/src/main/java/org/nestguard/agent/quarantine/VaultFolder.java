package org.nestguard.agent.quarantine;

import com.sun.jna.platform.win32.Advapi32Util;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the vault folder reachable by the agent's account alone: 0700 on POSIX (the agent runs as root), and on
 * Windows an ACL, not inherited from ProgramData, that admits only SYSTEM and Administrators.
 */
public final class VaultFolder {
    static final String SYSTEM_SID = "S-1-5-18";
    static final String ADMINISTRATORS_SID = "S-1-5-32-544";

    private VaultFolder() {
    }

    /** Creates {@code folder} if needed and restricts it; refuses a folder that is a symlink. */
    public static void secure(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (Files.isSymbolicLink(folder)) {
            throw new IOException("the vault folder " + folder + " is a symbolic link; remove it so the agent can "
                    + "create a real folder only it can reach");
        }
        Set<String> views = FileSystems.getDefault().supportedFileAttributeViews();
        if (views.contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } else if (views.contains("acl")) {
            UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
            // Looked up by SID: the account names are localized ("NT-AUTORITÄT\SYSTEM", "Administratoren").
            UserPrincipal system = lookup.lookupPrincipalByName(Advapi32Util.getAccountBySid(SYSTEM_SID).fqn);
            UserPrincipal admins = lookup.lookupPrincipalByName(Advapi32Util.getAccountBySid(ADMINISTRATORS_SID).fqn);
            AclFileAttributeView acl = Files.getFileAttributeView(folder, AclFileAttributeView.class);
            acl.setOwner(admins);
            // Java writes exactly this list (SetFileSecurity): ProgramData's "Users: read" is not copied in. A
            // later change to ProgramData's ACL could propagate it again, so this runs at every start.
            acl.setAcl(entries(system, admins));
        } else {
            throw new IOException("cannot restrict the vault folder " + folder + ": the file system offers neither "
                    + "POSIX permissions nor ACLs");
        }
    }

    /** The vault's ACL: full control for SYSTEM and Administrators, inherited by every file and subfolder. */
    static List<AclEntry> entries(UserPrincipal system, UserPrincipal admins) {
        return List.of(fullControl(system), fullControl(admins));
    }

    private static AclEntry fullControl(UserPrincipal principal) {
        return AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(principal)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT)
                .build();
    }
}
