package org.nestguard.agent.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.LMAccess;
import com.sun.jna.platform.win32.LMErr;
import com.sun.jna.platform.win32.Netapi32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.ProbeException;

/**
 * {@link UserLogon} through JNA. jna-platform maps {@code NetUserGetInfo} and {@code WTSEnumerateSessions} but not
 * {@code NetUserSetInfo}, {@code USER_INFO_1008} nor {@code WTSLogoffSession}, so those are mapped here.
 */
public final class JnaUserLogon implements UserLogon {
    private static final int LEVEL_1 = 1;
    private static final int LEVEL_1008 = 1008;
    /** WTS_INFO_CLASS.WTSUserName. */
    private static final int WTS_USER_NAME = 5;

    /** The Netapi32 call jna-platform lacks. */
    interface Netapi32Set extends StdCallLibrary {
        Netapi32Set INSTANCE = Native.load("Netapi32", Netapi32Set.class, W32APIOptions.DEFAULT_OPTIONS);

        int NetUserSetInfo(String servername, String username, int level, Structure buf, IntByReference parmErr);
    }

    /** The Wtsapi32 call jna-platform lacks. */
    interface Wtsapi32Logoff extends StdCallLibrary {
        Wtsapi32Logoff INSTANCE = Native.load("Wtsapi32", Wtsapi32Logoff.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean WTSLogoffSession(WinNT.HANDLE server, int sessionId, boolean wait);
    }

    /** USER_INFO_1008 (lmaccess.h): the account's flags alone. */
    @Structure.FieldOrder({"usri1008_flags"})
    public static final class UserInfo1008 extends Structure {
        public int usri1008_flags;
    }

    @Override
    public int flags(String account) throws ProbeException {
        PointerByReference buffer = new PointerByReference();
        int status = Netapi32.INSTANCE.NetUserGetInfo(null, account, LEVEL_1, buffer);
        if (status != LMErr.NERR_Success) {
            throw new ProbeException("NetUserGetInfo level 1 for " + account + " failed with error " + status);
        }
        try {
            return new LMAccess.USER_INFO_1(buffer.getValue()).usri1_flags;
        } finally {
            Netapi32.INSTANCE.NetApiBufferFree(buffer.getValue());
        }
    }

    @Override
    public void setFlags(String account, int flags) throws ProbeException {
        UserInfo1008 info = new UserInfo1008();
        info.usri1008_flags = flags;
        info.write();
        IntByReference parameter = new IntByReference();
        int status = Netapi32Set.INSTANCE.NetUserSetInfo(null, account, LEVEL_1008, info, parameter);
        if (status != LMErr.NERR_Success) {
            throw new ProbeException("NetUserSetInfo level 1008 for " + account + " failed with error " + status
                    + " (parameter " + parameter.getValue() + "); run the agent as LocalSystem");
        }
    }

    @Override
    public List<Integer> sessionsOf(String account) throws ProbeException {
        PointerByReference sessions = new PointerByReference();
        IntByReference count = new IntByReference();
        if (!Wtsapi32.INSTANCE.WTSEnumerateSessions(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, 0, 1, sessions, count)) {
            throw new ProbeException("WTSEnumerateSessions failed with error " + Native.getLastError());
        }
        List<Integer> found = new ArrayList<>();
        try {
            if (count.getValue() == 0) {
                return found;
            }
            Wtsapi32.WTS_SESSION_INFO first = new Wtsapi32.WTS_SESSION_INFO(sessions.getValue());
            for (Structure s : first.toArray(count.getValue())) {
                int id = ((Wtsapi32.WTS_SESSION_INFO) s).SessionId;
                if (account.equalsIgnoreCase(userOf(id))) {
                    found.add(id);
                }
            }
        } finally {
            Wtsapi32.INSTANCE.WTSFreeMemory(sessions.getValue());
        }
        return found;
    }

    @Override
    public void logOff(int sessionId) throws ProbeException {
        if (!Wtsapi32Logoff.INSTANCE.WTSLogoffSession(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, sessionId, true)) {
            throw new ProbeException("WTSLogoffSession " + sessionId + " failed with error " + Native.getLastError());
        }
    }

    private static String userOf(int sessionId) {
        PointerByReference buffer = new PointerByReference();
        IntByReference bytes = new IntByReference();
        if (!Wtsapi32.INSTANCE.WTSQuerySessionInformation(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, sessionId,
                WTS_USER_NAME, buffer, bytes)) {
            return "";
        }
        try {
            Pointer value = buffer.getValue();
            return value == null ? "" : value.getWideString(0);
        } finally {
            Wtsapi32.INSTANCE.WTSFreeMemory(buffer.getValue());
        }
    }
}
