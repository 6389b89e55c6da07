package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.SoftwareProbe;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Installed programs from the Uninstall keys (what "Apps and features" lists): HKLM 64-bit, HKLM WOW6432Node and
 * each person's user hive, loaded from NTUSER.DAT for the read when the user is logged off; a hive that cannot be
 * loaded is named in {@link SoftwareInventory#unreadable()}. Entries without DisplayName, hidden ones (SystemComponent=1) and updates of another
 * product (ParentKeyName, ReleaseType Update/Hotfix) are skipped. Store (MSIX) apps are not listed there.
 * <p>
 * osComponent: Windows ships some programs that appear here; an entry counts as part of the OS when its
 * Publisher is "Microsoft Corporation" and its name is one of {@link #OS_COMPONENTS} (Edge, WebView2, OneDrive,
 * Update Health Tools, PC Health Check) — everything else Microsoft publishes (Office, Teams) is an app.
 */
public final class WindowsSoftwareProbe implements SoftwareProbe {
    static final String UNINSTALL = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final String UNINSTALL_32 = "SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final String USER_UNINSTALL = "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final Set<String> OS_COMPONENTS = Set.of("microsoft edge", "microsoft edge update",
            "microsoft edge webview2 runtime", "microsoft onedrive", "microsoft update health tools",
            "windows pc health check");
    private static final Set<String> UPDATE_RELEASE_TYPES = Set.of("update", "hotfix", "security update");

    private final RegistryReader registry;

    public WindowsSoftwareProbe(RegistryReader registry) {
        this.registry = registry;
    }

    @Override
    public SoftwareInventory installed() throws ProbeException {
        List<InstalledApp> apps = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        read(Hive.HKEY_LOCAL_MACHINE, UNINSTALL, null, apps);
        read(Hive.HKEY_LOCAL_MACHINE, UNINSTALL_32, null, apps);
        for (UserProfile profile : UserProfile.list(registry)) {
            try {
                apps.addAll(profile.withHive(registry, root -> {
                    List<InstalledApp> userApps = new ArrayList<>();
                    read(Hive.HKEY_USERS, root + "\\" + USER_UNINSTALL, profile.user(), userApps);
                    return userApps;
                }));
            } catch (ProbeException e) {
                unreadable.add(profile.describe() + ": " + e.getMessage());
            }
        }
        return new SoftwareInventory(apps, unreadable);
    }

    private void read(Hive hive, String uninstall, String user, List<InstalledApp> apps) throws ProbeException {
        for (String subkey : registry.subkeys(hive, uninstall)) {
            String key = uninstall + "\\" + subkey;
            Optional<String> name = registry.string(hive, key, "DisplayName").map(String::trim)
                    .filter(n -> !n.isEmpty());
            if (name.isEmpty()
                    || registry.number(hive, key, "SystemComponent").orElse(0L) == 1
                    || registry.string(hive, key, "ParentKeyName").filter(p -> !p.isBlank()).isPresent()
                    || registry.string(hive, key, "ReleaseType")
                            .filter(t -> UPDATE_RELEASE_TYPES.contains(t.trim().toLowerCase())).isPresent()) {
                continue;
            }
            String publisher = registry.string(hive, key, "Publisher").map(String::trim).orElse(null);
            boolean osComponent = "Microsoft Corporation".equalsIgnoreCase(publisher)
                    && OS_COMPONENTS.contains(name.get().toLowerCase());
            apps.add(new InstalledApp(name.get(), registry.string(hive, key, "DisplayVersion").map(String::trim)
                    .orElse(null), publisher, osComponent, user, hive.path(key)));
        }
    }
}
