package org.nestguard.agent.platform.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.LMAccess;
import com.sun.jna.platform.win32.LMErr;
import com.sun.jna.platform.win32.Netapi32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nestguard.agent.platform.ProbeException;

/**
 * Reads local accounts with {@code NetUserEnum} level 3 (jna-platform has no USER_INFO_3, so it is mapped here)
 * and their groups with {@code NetUserGetLocalGroups}. {@code Netapi32Util.getUsers} is not used: it keeps only names.
 */
public final class Netapi32NetUserReader implements NetUserReader {
    private static final int LEVEL_3 = 3;
    private static final int LG_INCLUDE_INDIRECT = 1;
    private static final int MAX_PREFERRED_LENGTH = -1;
    private static final String ADMINISTRATORS_SID = "S-1-5-32-544";
    /** usri3_acct_expires value for "never expires" (lmaccess.h). */
    static final long TIMEQ_FOREVER = 0xFFFFFFFFL;

    @Override
    public List<NetUser> users() throws ProbeException {
        List<NetUser> users = new ArrayList<>();
        IntByReference resume = new IntByReference(0);
        int status;
        do {
            PointerByReference buffer = new PointerByReference();
            IntByReference read = new IntByReference();
            IntByReference total = new IntByReference();
            status = Netapi32.INSTANCE.NetUserEnum(null, LEVEL_3, LMAccess.FILTER_NORMAL_ACCOUNT, buffer,
                    MAX_PREFERRED_LENGTH, read, total, resume);
            if (status != LMErr.NERR_Success && status != WinError.ERROR_MORE_DATA) {
                throw new ProbeException("NetUserEnum level 3 failed with error " + status
                        + (status == WinError.ERROR_ACCESS_DENIED ? " (access denied; run the agent as LocalSystem)" : ""));
            }
            try {
                if (buffer.getValue() != null && read.getValue() > 0) {
                    UserInfo3 first = new UserInfo3(buffer.getValue());
                    for (Structure s : first.toArray(read.getValue())) {
                        users.add(toNetUser((UserInfo3) s));
                    }
                }
            } finally {
                if (buffer.getValue() != null) {
                    Netapi32.INSTANCE.NetApiBufferFree(buffer.getValue());
                }
            }
        } while (status == WinError.ERROR_MORE_DATA);
        return users;
    }

    @Override
    public String administratorsGroupName() throws ProbeException {
        try {
            return Advapi32Util.getAccountBySid(ADMINISTRATORS_SID).name;
        } catch (Win32Exception e) {
            throw new ProbeException("could not resolve the Administrators group " + ADMINISTRATORS_SID + ": "
                    + e.getMessage(), e);
        }
    }

    private NetUser toNetUser(UserInfo3 info) throws ProbeException {
        String name = wide(info.usri3_name);
        long lastLogon = Integer.toUnsignedLong(info.usri3_last_logon);
        return new NetUser(name, sidOf(name), Integer.toUnsignedLong(info.usri3_user_id),
                Integer.toUnsignedLong(info.usri3_password_age), info.usri3_priv, info.usri3_flags,
                lastLogon == 0 ? null : Instant.ofEpochSecond(lastLogon),
                accountExpires(Integer.toUnsignedLong(info.usri3_acct_expires)), localGroups(name));
    }

    /** Seconds since 1970 (UTC), or null for TIMEQ_FOREVER. */
    static Instant accountExpires(long raw) {
        return raw == TIMEQ_FOREVER ? null : Instant.ofEpochSecond(raw);
    }

    private static String sidOf(String name) {
        try {
            return Advapi32Util.getAccountByName(null, name).sidString;
        } catch (Win32Exception e) {
            return null;
        }
    }

    private static Set<String> localGroups(String user) throws ProbeException {
        PointerByReference buffer = new PointerByReference();
        IntByReference read = new IntByReference();
        IntByReference total = new IntByReference();
        int status = Netapi32.INSTANCE.NetUserGetLocalGroups(null, user, 0, LG_INCLUDE_INDIRECT, buffer,
                MAX_PREFERRED_LENGTH, read, total);
        try {
            if (status != LMErr.NERR_Success) {
                throw new ProbeException("NetUserGetLocalGroups for " + user + " failed with error " + status);
            }
            Set<String> groups = new LinkedHashSet<>();
            if (buffer.getValue() != null && read.getValue() > 0) {
                LMAccess.LOCALGROUP_USERS_INFO_0 first = new LMAccess.LOCALGROUP_USERS_INFO_0(buffer.getValue());
                for (Structure s : first.toArray(read.getValue())) {
                    groups.add(((LMAccess.LOCALGROUP_USERS_INFO_0) s).lgrui0_name);
                }
            }
            return groups;
        } finally {
            if (buffer.getValue() != null) {
                Netapi32.INSTANCE.NetApiBufferFree(buffer.getValue());
            }
        }
    }

    private static String wide(Pointer p) {
        return p == null ? null : p.getWideString(0);
    }

    /** USER_INFO_3 from lmaccess.h; strings are LPWSTR, kept as pointers and read explicitly as UTF-16. */
    @Structure.FieldOrder({"usri3_name", "usri3_password", "usri3_password_age", "usri3_priv", "usri3_home_dir",
            "usri3_comment", "usri3_flags", "usri3_script_path", "usri3_auth_flags", "usri3_full_name",
            "usri3_usr_comment", "usri3_parms", "usri3_workstations", "usri3_last_logon", "usri3_last_logoff",
            "usri3_acct_expires", "usri3_max_storage", "usri3_units_per_week", "usri3_logon_hours",
            "usri3_bad_pw_count", "usri3_num_logons", "usri3_logon_server", "usri3_country_code",
            "usri3_code_page", "usri3_user_id", "usri3_primary_group_id", "usri3_profile", "usri3_home_dir_drive",
            "usri3_password_expired"})
    public static final class UserInfo3 extends Structure {
        public Pointer usri3_name;
        public Pointer usri3_password;
        public int usri3_password_age;
        public int usri3_priv;
        public Pointer usri3_home_dir;
        public Pointer usri3_comment;
        public int usri3_flags;
        public Pointer usri3_script_path;
        public int usri3_auth_flags;
        public Pointer usri3_full_name;
        public Pointer usri3_usr_comment;
        public Pointer usri3_parms;
        public Pointer usri3_workstations;
        public int usri3_last_logon;
        public int usri3_last_logoff;
        public int usri3_acct_expires;
        public int usri3_max_storage;
        public int usri3_units_per_week;
        public Pointer usri3_logon_hours;
        public int usri3_bad_pw_count;
        public int usri3_num_logons;
        public Pointer usri3_logon_server;
        public int usri3_country_code;
        public int usri3_code_page;
        public int usri3_user_id;
        public int usri3_primary_group_id;
        public Pointer usri3_profile;
        public Pointer usri3_home_dir_drive;
        public int usri3_password_expired;

        public UserInfo3() {
            super();
        }

        public UserInfo3(Pointer memory) {
            super(memory);
            read();
        }
    }
}
