package org.nestguard.agent.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.nestguard.protocol.wire.DeviceFacts;
import org.junit.jupiter.api.Test;

class DeviceFactsReaderTest {
    @Test
    void firmwarePlaceholdersAreNotIdentities() {
        // Two laptops with "To Be Filled By O.E.M." must not be taken for one re-imaged device.
        assertNull(DeviceFactsReader.real("To Be Filled By O.E.M."));
        assertNull(DeviceFactsReader.real(" Default string "));
        assertNull(DeviceFactsReader.real("03000200-0400-0500-0006-000700080009"));
        assertNull(DeviceFactsReader.real(""));
        assertEquals("PF3ABC12", DeviceFactsReader.real(" PF3ABC12 "));
    }

    @Test
    void thisMachineHasAHostnameAndAnOs() {
        DeviceFacts facts = new DeviceFactsReader().read();
        assertFalse(facts.hostname().isBlank());
        assertFalse(facts.osFamily().isBlank());
    }
}
