package org.nestguard.console.server;

import java.net.http.HttpResponse;
import java.util.List;
import org.nestguard.console.server.TestConsole.EnrolledDevice;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.Event;

/** Sends events to a test console as its agent does (a check-in over mutual TLS), for page tests with real flags. */
final class AgentCheckIn {
    private AgentCheckIn() {
    }

    static void send(TestConsole console, EnrolledDevice device, Event... events) throws Exception {
        HttpResponse<String> response = console.post(device.client(), AgentApi.CHECK_IN, console.json
                .writeValueAsString(new CheckIn(List.of(events), null, 1, "test")), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("check-in refused: " + response.statusCode() + " " + response.body());
        }
    }
}
