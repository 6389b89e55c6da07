package org.nestguard.agent.platform.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
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
