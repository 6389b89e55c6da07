package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Winsvc;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** What the Windows service manager hears from the agent's service host, with the manager replaced by a recorder. */
class WindowsServiceHostTest {
    /** Records reported states as "STATE:exit"; delivers controls to the registered handler. */
    static final class RecordingManager implements ServiceControlManager {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch running = new CountDownLatch(1);
        volatile IntConsumer handler;
        String dispatched;

        @Override
        public void dispatch(String serviceName, Runnable main) {
            dispatched = serviceName;
            main.run();
        }

        @Override
        public void onControl(String serviceName, IntConsumer onControl) {
            handler = onControl;
        }

        @Override
        public void report(int state, int exitCode) {
            reports.add(name(state) + ":" + exitCode);
            if (state == Winsvc.SERVICE_RUNNING) {
                running.countDown();
            }
        }

        static String name(int state) {
            return switch (state) {
                case Winsvc.SERVICE_RUNNING -> "RUNNING";
                case Winsvc.SERVICE_STOP_PENDING -> "STOP_PENDING";
                case Winsvc.SERVICE_STOPPED -> "STOPPED";
                default -> String.valueOf(state);
            };
        }
    }

    final RecordingManager manager = new RecordingManager();

    @Test
    void aStopRequestStopsTheAgentAndTheManagerHearsStoppedCleanly() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread scm = new Thread(() -> {
            try {
                manager.running.await(10, TimeUnit.SECONDS);
                manager.handler.accept(Winsvc.SERVICE_CONTROL_INTERROGATE); // answered, ignored
                manager.handler.accept(Winsvc.SERVICE_CONTROL_STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        scm.start();
        int exit = new WindowsServiceHost(manager).run(() -> {
            try {
                return stopped.await(10, TimeUnit.SECONDS) ? 0 : 99;
            } catch (InterruptedException e) {
                return 98;
            }
        }, stopped::countDown);
        scm.join();
        assertEquals(0, exit);
        assertEquals("NestguardAgent", manager.dispatched, "the name the MSI's ServiceInstall gives");
        assertEquals(List.of("RUNNING:0", "STOP_PENDING:0", "STOPPED:0"), manager.reports);
    }

    @Test
    void aShutdownIsAStopToo() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread scm = new Thread(() -> {
            try {
                manager.running.await(10, TimeUnit.SECONDS);
                manager.handler.accept(Winsvc.SERVICE_CONTROL_SHUTDOWN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        scm.start();
        new WindowsServiceHost(manager).run(() -> {
            try {
                return stopped.await(10, TimeUnit.SECONDS) ? 0 : 99;
            } catch (InterruptedException e) {
                return 98;
            }
        }, stopped::countDown);
        scm.join();
        assertTrue(manager.reports.contains("STOP_PENDING:0"), manager.reports.toString());
    }

    @Test
    void anAgentThatFailsIsReportedStoppedWithItsExitCodeSoRecoveryActionsApply() {
        assertEquals(3, new WindowsServiceHost(manager).run(() -> 3, () -> { }));
        assertEquals(List.of("RUNNING:0", "STOPPED:3"), manager.reports);
    }

    @Test
    void anAgentThatThrowsIsStillReportedStopped() {
        assertThrows(IllegalStateException.class, () -> new WindowsServiceHost(manager).run(() -> {
            throw new IllegalStateException("boom");
        }, () -> { }));
        assertEquals(List.of("RUNNING:0", "STOPPED:1"), manager.reports);
    }
}
