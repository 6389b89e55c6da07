package org.nestguard.console.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code device list} and {@code device revoke ID}. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Enrolled devices.",
        subcommands = {DeviceCommand.ListDevices.class, DeviceCommand.Revoke.class})
public final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: device list, or device revoke ID");
    }

    /** {@code device list}: one line per device. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists enrolled devices.")
    static final class ListDevices implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                List<Device> devices = new Devices(database, Clock.systemUTC()).list();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-36s  %-24s  %-20s  %s%n", "ID", "HOSTNAME", "SETTING", "LAST SEEN");
                for (Device device : devices) {
                    out.printf("%-36s  %-24s  %-20s  %s%n", device.id(), device.facts().hostname(),
                            device.settingId(), device.lastSeenAt() == null ? "never" : device.lastSeenAt());
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code device revoke ID}: its certificates stop working at once. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a device's certificates; its next call is refused. Re-enrol it with a new token.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "ID", description = "the device id (see device list)")
        String deviceId;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                int revoked = new Devices(database, Clock.systemUTC()).revoke(deviceId);
                spec.commandLine().getOut().println("Device " + deviceId + " revoked (" + revoked + " certificate(s)"
                        + "); it is refused from its next call. Re-enrol it with a new token to bring it back.");
            }
            return 0;
        }
    }
}
