package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.history.MacProfileDiscovery;
import org.nestguard.agent.history.WindowsProfileDiscovery;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.windows.UserProfile;

/** The homes the file checks watch in come from each OS's account discovery, laid out as on that OS. */
class AccountHomesTest {
    @TempDir
    Path root;

    private static List<String> accounts(List<AccountHome> homes) {
        return homes.stream().map(AccountHome::account).toList();
    }

    @Test
    void linuxHomesFromPasswdAndHome() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "amy:x:1001:1001:Amy:/home/amy:/bin/bash\n"
                + "gone:x:1002:1002::/home/gone:/bin/bash\n");
        Files.createDirectories(root.resolve("root"));
        Files.createDirectories(root.resolve("home/amy/Downloads"));
        Files.createDirectories(root.resolve("home/sssd.teacher")); // a directory account, not in passwd
        Files.createDirectories(root.resolve("usr/sbin"));
        List<AccountHome> homes = new LinuxProfileDiscovery(new HostRoot(root)).accountHomes();
        assertEquals(List.of("root", "daemon", "amy", "sssd.teacher"), accounts(homes));
        WatchedFolders watched = WatchedFolders.resolve(homes, List.of("Downloads", "Desktop"));
        assertEquals(1, watched.folders().size(), "only folders that exist are watched");
        assertEquals("amy", watched.folders().get(0).account());
    }

    @Test
    void windowsHomesFromProfileList() throws Exception {
        Files.createDirectories(root.resolve("Users/mrs.patel/Downloads"));
        Files.createDirectories(root.resolve("Users/Public"));
        List<AccountHome> homes = new WindowsProfileDiscovery(root, () -> List.of(
                new UserProfile("S-1-5-21-1-2-3-1001", "mrs.patel", "C:\\Users\\mrs.patel", true),
                new UserProfile("S-1-5-21-1-2-3-1002", "classroom", "C:\\Users\\classroom", false),
                new UserProfile("S-1-5-21-1-2-3-1003", "Public", "C:\\Users\\Public", false))).accountHomes();
        assertEquals(List.of("mrs.patel"), accounts(homes), "a missing profile folder and Public are left out");
    }

    @Test
    void macHomesFromUsers() throws Exception {
        Files.createDirectories(root.resolve("Users/ada/Pictures"));
        Files.createDirectories(root.resolve("Users/Shared"));
        Files.createDirectories(root.resolve("Users/.localized"));
        List<AccountHome> homes = new MacProfileDiscovery(new HostRoot(root)).accountHomes();
        assertEquals(List.of("ada"), accounts(homes));
    }
}
