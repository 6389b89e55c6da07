package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

class CommandsTest extends StoreTestBase {
    private String device;
    private String otherDevice;

    private Commands commands(Database database) {
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        Devices devices = new Devices(database, clock);
        device = devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        otherDevice = devices.enrol("ditton-junior", DevicesTest.laptop("B", "SER-B", "uuid-b"), "s2").deviceId();
        return new Commands(database, clock);
    }

    @StoreTest
    void aCommandStaysPendingUntilItsDeviceReportsTheResult(StoreKind kind) {
        Commands commands = commands(open(kind));
        ObjectNode policy = JsonNodeFactory.instance.objectNode().put("version", 2).put("yaml", "a: 1");
        StoredCommand update = commands.enqueue(device, "update-policy", policy);
        clock.advance(Duration.ofSeconds(1));
        StoredCommand check = commands.enqueue(device, "check-now", JsonNodeFactory.instance.objectNode());

        assertEquals(List.of(update.id(), check.id()), commands.pending(device).stream().map(StoredCommand::id).toList());
        assertEquals(policy, commands.pending(device).get(0).payload());
        assertEquals(List.of(), commands.pending(otherDevice));

        clock.advance(Duration.ofSeconds(1));
        assertTrue(commands.markDelivered(device, update.id()));
        StoredCommand delivered = commands.pending(device).get(0);
        assertEquals(clock.instant(), delivered.deliveredAt());
        assertNull(delivered.completedAt());
        assertEquals(2, commands.pending(device).size(), "delivered but unanswered commands are sent again");

        ObjectNode outcome = JsonNodeFactory.instance.objectNode().put("applied", true);
        assertTrue(commands.complete(device, update.id(), outcome));
        assertFalse(commands.complete(device, update.id(), outcome), "a command completes once");
        assertEquals(List.of(check.id()), commands.pending(device).stream().map(StoredCommand::id).toList());
    }

    @StoreTest
    void aDeviceCannotTouchAnotherDevicesCommands(StoreKind kind) {
        Commands commands = commands(open(kind));
        StoredCommand check = commands.enqueue(device, "check-now", JsonNodeFactory.instance.objectNode());

        assertFalse(commands.markDelivered(otherDevice, check.id()));
        assertFalse(commands.complete(otherDevice, check.id(), JsonNodeFactory.instance.objectNode()));
        assertNull(commands.pending(device).get(0).deliveredAt());
        assertThrows(StoreException.class,
                () -> commands.enqueue("no-such-device", "check-now", JsonNodeFactory.instance.objectNode()));
    }
}
