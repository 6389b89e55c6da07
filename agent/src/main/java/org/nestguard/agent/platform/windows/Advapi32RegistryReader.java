package org.nestguard.agent.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nestguard.agent.platform.ProbeException;

/** Reads the live registry through jna-platform's {@link Advapi32Util}, always in the 64-bit view. */
public final class Advapi32RegistryReader implements RegistryReader {
    // A 32-bit JVM would otherwise be redirected to WOW6432Node and see the wrong Uninstall and policy keys.
    private static final int VIEW = WinNT.KEY_WOW64_64KEY;

    @Override
    public Optional<String> string(Hive hive, String key, String value) throws ProbeException {
        return raw(hive, key, value).flatMap(v -> {
            if (v instanceof String s) {
                return Optional.of(s);
            }
            if (v instanceof Integer i) {
                return Optional.of(Long.toString(Integer.toUnsignedLong(i)));
            }
            if (v instanceof Long l) {
                return Optional.of(Long.toString(l));
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<Long> number(Hive hive, String key, String value) throws ProbeException {
        return raw(hive, key, value).flatMap(v -> {
            if (v instanceof Integer i) {
                return Optional.of(Integer.toUnsignedLong(i));
            }
            if (v instanceof Long l) {
                return Optional.of(l);
            }
            if (v instanceof String s && s.trim().matches("\\d{1,18}")) {
                return Optional.of(Long.parseLong(s.trim()));
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<List<String>> multiString(Hive hive, String key, String value) throws ProbeException {
        return raw(hive, key, value).flatMap(v -> v instanceof String[] a ? Optional.of(Arrays.asList(a))
                : Optional.empty());
    }

    @Override
    public boolean valueExists(Hive hive, String key, String value) throws ProbeException {
        try {
            return Advapi32Util.registryKeyExists(root(hive), key, VIEW)
                    && Advapi32Util.registryValueExists(root(hive), key, value, VIEW);
        } catch (Win32Exception e) {
            throw failure(hive, key, e);
        }
    }

    @Override
    public List<String> subkeys(Hive hive, String key) throws ProbeException {
        try {
            if (!Advapi32Util.registryKeyExists(root(hive), key, VIEW)) {
                return List.of();
            }
            return List.of(Advapi32Util.registryGetKeys(root(hive), key, VIEW));
        } catch (Win32Exception e) {
            throw failure(hive, key, e);
        }
    }

    @Override
    public boolean keyExists(Hive hive, String key) throws ProbeException {
        try {
            return Advapi32Util.registryKeyExists(root(hive), key, VIEW);
        } catch (Win32Exception e) {
            throw failure(hive, key, e);
        }
    }

    /**
     * Loads a logged-off user's NTUSER.DAT under {@code HKEY_USERS\Nestguard_<sid>} for the action and unloads it
     * afterwards. The agent runs as LocalSystem, which holds SeBackupPrivilege and SeRestorePrivilege but has them
     * disabled; RegLoadKey needs both enabled. The hive stays loaded only while the action reads, because a user
     * who logs on while it is loaded would get a temporary profile.
     */
    @Override
    public <T> T withUserHive(String sid, String profilePath, HiveAction<T> action) throws ProbeException {
        if (keyExists(Hive.HKEY_USERS, sid)) {
            return action.apply(sid);
        }
        if (profilePath == null || profilePath.isBlank()) {
            throw new ProbeException("hive not loaded: the profile has no ProfileImagePath, so NTUSER.DAT cannot be "
                    + "found");
        }
        String file = Kernel32Util.expandEnvironmentStrings(profilePath.trim()) + "\\NTUSER.DAT";
        String temporary = "Nestguard_" + sid;
        enableHivePrivileges();
        int loaded = HiveApi.INSTANCE.RegLoadKey(WinReg.HKEY_USERS, temporary, file);
        if (loaded != WinError.ERROR_SUCCESS) {
            throw new ProbeException("hive not loaded: RegLoadKey(" + file + ") failed with error " + loaded + " ("
                    + Kernel32Util.formatMessageFromLastErrorCode(loaded).strip() + ")"
                    + (loaded == WinError.ERROR_SHARING_VIOLATION ? "; another process holds the hive open" : ""));
        }
        try {
            return action.apply(temporary);
        } finally {
            // Unloading can fail if a handle into the hive is still open; the next run will find it loaded under
            // the temporary name and report it rather than guess, since keyExists(sid) stays false.
            HiveApi.INSTANCE.RegUnLoadKey(WinReg.HKEY_USERS, temporary);
        }
    }

    /** Enables SeBackupPrivilege and SeRestorePrivilege on the agent's process token with AdjustTokenPrivileges. */
    private static void enableHivePrivileges() throws ProbeException {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(),
                WinNT.TOKEN_ADJUST_PRIVILEGES | WinNT.TOKEN_QUERY, token)) {
            throw new ProbeException("hive not loaded: OpenProcessToken failed with error " + Native.getLastError());
        }
        try {
            List<String> names = List.of(WinNT.SE_BACKUP_NAME, WinNT.SE_RESTORE_NAME);
            WinNT.TOKEN_PRIVILEGES privileges = new WinNT.TOKEN_PRIVILEGES(names.size());
            for (int i = 0; i < names.size(); i++) {
                WinNT.LUID luid = new WinNT.LUID();
                if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, names.get(i), luid)) {
                    throw new ProbeException("hive not loaded: LookupPrivilegeValue(" + names.get(i)
                            + ") failed with error " + Native.getLastError());
                }
                privileges.Privileges[i] = new WinNT.LUID_AND_ATTRIBUTES(luid,
                        new WinDef.DWORD(WinNT.SE_PRIVILEGE_ENABLED));
            }
            if (!Advapi32.INSTANCE.AdjustTokenPrivileges(token.getValue(), false, privileges, 0, null, null)) {
                throw new ProbeException("hive not loaded: AdjustTokenPrivileges failed with error "
                        + Native.getLastError());
            }
            // AdjustTokenPrivileges succeeds even when the account does not hold a privilege; only this says so.
            if (Native.getLastError() == WinError.ERROR_NOT_ALL_ASSIGNED) {
                throw new ProbeException("hive not loaded: the agent's account does not hold SeBackupPrivilege and "
                        + "SeRestorePrivilege; run the agent as the LocalSystem service");
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    /** RegLoadKeyW and RegUnLoadKeyW, which jna-platform's Advapi32 does not map. */
    private interface HiveApi extends StdCallLibrary {
        HiveApi INSTANCE = Native.load("Advapi32", HiveApi.class, W32APIOptions.DEFAULT_OPTIONS);

        int RegLoadKey(WinReg.HKEY key, String subKey, String file);

        int RegUnLoadKey(WinReg.HKEY key, String subKey);
    }

    /** Reads all values of the key so that value names match case-insensitively, as Windows itself does. */
    private Optional<Object> raw(Hive hive, String key, String value) throws ProbeException {
        try {
            if (!Advapi32Util.registryKeyExists(root(hive), key, VIEW)) {
                return Optional.empty();
            }
            Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            values.putAll(Advapi32Util.registryGetValues(root(hive), key, VIEW));
            return Optional.ofNullable(values.get(value));
        } catch (Win32Exception e) {
            throw failure(hive, key, e);
        }
    }

    private static WinReg.HKEY root(Hive hive) {
        return hive == Hive.HKEY_LOCAL_MACHINE ? WinReg.HKEY_LOCAL_MACHINE : WinReg.HKEY_USERS;
    }

    private static ProbeException failure(Hive hive, String key, Win32Exception e) {
        if (e.getErrorCode() == WinError.ERROR_ACCESS_DENIED) {
            return new ProbeException("no permission to read " + hive.path(key)
                    + "; run the agent as the LocalSystem service", e);
        }
        return new ProbeException("could not read " + hive.path(key) + ": " + e.getMessage(), e);
    }
}
