package org.nestguard.agent.platform.windows;

import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.ProbeException;

/**
 * The seam through which Windows probes read the registry (64-bit view). Absent keys and values are empty,
 * never a default; a key that exists but cannot be read is a {@link ProbeException}.
 */
public interface RegistryReader {

    /** The two roots the agent reads: the machine and the loaded user hives. */
    enum Hive {
        HKEY_LOCAL_MACHINE("HKLM"), HKEY_USERS("HKU");

        private final String shortName;

        Hive(String shortName) {
            this.shortName = shortName;
        }

        /** The abbreviation used in evidence, for example {@code HKLM\SOFTWARE\...}. */
        public String path(String key) {
            return shortName + "\\" + key;
        }
    }

    /** A REG_SZ or REG_EXPAND_SZ value; a REG_DWORD or REG_QWORD is returned as its decimal text. */
    Optional<String> string(Hive hive, String key, String value) throws ProbeException;

    /** A REG_DWORD or REG_QWORD value (DWORDs unsigned); a REG_SZ holding a decimal integer is accepted too. */
    Optional<Long> number(Hive hive, String key, String value) throws ProbeException;

    /** A REG_MULTI_SZ value. */
    Optional<List<String>> multiString(Hive hive, String key, String value) throws ProbeException;

    /** Whether the value exists, without reading it (used for secrets such as Winlogon DefaultPassword). */
    boolean valueExists(Hive hive, String key, String value) throws ProbeException;

    /** The names of the direct subkeys; empty when the key does not exist. */
    List<String> subkeys(Hive hive, String key) throws ProbeException;

    boolean keyExists(Hive hive, String key) throws ProbeException;

    /** Reads from a user hive whose root under {@code HKEY_USERS} is the name it is given. */
    @FunctionalInterface
    interface HiveAction<T> {
        T apply(String hiveRoot) throws ProbeException;
    }

    /**
     * Runs the action on the user's hive: under {@code HKEY_USERS\<sid>} when it is loaded (the user is logged on),
     * otherwise after loading the profile's NTUSER.DAT under a temporary name, unloaded again when the action ends.
     *
     * @throws ProbeException when the hive is not loaded and could not be loaded; the message says why
     */
    <T> T withUserHive(String sid, String profilePath, HiveAction<T> action) throws ProbeException;
}
