package org.nestguard.agent.platform.windows;

import java.util.function.IntConsumer;

/** The Windows service control manager as a service process talks to it; {@link Advapi32ServiceControlManager}. */
public interface ServiceControlManager {
    /**
     * Connects this process to the manager and runs {@code main} as the service's main function; returns when it
     * has returned.
     *
     * @throws IllegalStateException when the process was not started by the service manager
     */
    void dispatch(String serviceName, Runnable main);

    /** Registers the handler of the manager's control requests ({@code SERVICE_CONTROL_*} codes). */
    void onControl(String serviceName, IntConsumer handler);

    /** Reports the service's state ({@code SERVICE_*}); a non-zero exit code is reported as service-specific. */
    void report(int state, int exitCode);
}
