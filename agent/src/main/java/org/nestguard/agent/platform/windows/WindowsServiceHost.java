package org.nestguard.agent.platform.windows;

import com.sun.jna.platform.win32.Winsvc;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs the agent as the Windows service the MSI installs: tells the service manager it is running, asks the
 * agent to stop on a stop or shutdown request, and reports it stopped with the agent's exit code, so that a
 * failure is a failure to the manager (and not error 1053, which a program that never reports gets).
 */
public final class WindowsServiceHost {
    /** The service name the MSI's ServiceInstall gives. */
    public static final String SERVICE_NAME = "NestguardAgent";
    private final ServiceControlManager manager;

    public WindowsServiceHost(ServiceControlManager manager) {
        this.manager = manager;
    }

    /**
     * Runs {@code agent} (returning its exit code) under the service manager; {@code stop} asks it to stop.
     *
     * @return the agent's exit code
     * @throws IllegalStateException when this process was not started by the service manager
     */
    public int run(IntSupplier agent, Runnable stop) {
        AtomicInteger exit = new AtomicInteger();
        manager.dispatch(SERVICE_NAME, () -> {
            manager.onControl(SERVICE_NAME, control -> {
                if (control == Winsvc.SERVICE_CONTROL_STOP || control == Winsvc.SERVICE_CONTROL_SHUTDOWN) {
                    manager.report(Winsvc.SERVICE_STOP_PENDING, 0);
                    stop.run();
                }
            });
            manager.report(Winsvc.SERVICE_RUNNING, 0);
            int code = 1;
            try {
                code = agent.getAsInt();
            } finally {
                exit.set(code);
                manager.report(Winsvc.SERVICE_STOPPED, code);
            }
        });
        return exit.get();
    }
}
