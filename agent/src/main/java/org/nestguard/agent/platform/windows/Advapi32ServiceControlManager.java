package org.nestguard.agent.platform.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.util.function.IntConsumer;

/** {@link ServiceControlManager} through Advapi32: StartServiceCtrlDispatcher, RegisterServiceCtrlHandlerEx. */
public final class Advapi32ServiceControlManager implements ServiceControlManager {
    private static final int WAIT_HINT_MILLIS = 30_000;
    // Held in fields: JNA callbacks that are garbage collected crash the process when Windows calls them.
    private Winsvc.SERVICE_MAIN_FUNCTION main;
    private Winsvc.HandlerEx handler;
    private volatile Winsvc.SERVICE_STATUS_HANDLE handle;
    private int checkPoint;

    @Override
    public void dispatch(String serviceName, Runnable body) {
        main = (argc, argv) -> body.run();
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) new Winsvc.SERVICE_TABLE_ENTRY().toArray(2);
        table[0].lpServiceName = serviceName;
        table[0].lpServiceProc = main;
        if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            int error = Kernel32.INSTANCE.GetLastError();
            throw new IllegalStateException(error == WinError.ERROR_FAILED_SERVICE_CONTROLLER_CONNECT
                    ? "--windows-service is for the service manager (the " + serviceName + " service); from a "
                            + "console, run the agent without it"
                    : "the service manager refused this service (Windows error " + error + ")");
        }
    }

    @Override
    public void onControl(String serviceName, IntConsumer onControl) {
        handler = (control, eventType, eventData, context) -> {
            onControl.accept(control);
            return WinError.NO_ERROR;
        };
        handle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, handler, null);
        if (handle == null) {
            throw new IllegalStateException("cannot register the " + serviceName + " control handler (Windows error "
                    + Kernel32.INSTANCE.GetLastError() + ")");
        }
    }

    @Override
    public synchronized void report(int state, int exitCode) {
        boolean pending = state == Winsvc.SERVICE_START_PENDING || state == Winsvc.SERVICE_STOP_PENDING;
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        status.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        status.dwControlsAccepted = state == Winsvc.SERVICE_RUNNING
                ? Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_SHUTDOWN : 0;
        status.dwWin32ExitCode = exitCode == 0 ? WinError.NO_ERROR : WinError.ERROR_SERVICE_SPECIFIC_ERROR;
        status.dwServiceSpecificExitCode = exitCode;
        status.dwCheckPoint = pending ? ++checkPoint : 0;
        status.dwWaitHint = pending ? WAIT_HINT_MILLIS : 0;
        Advapi32.INSTANCE.SetServiceStatus(handle, status);
    }
}
