package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.SoftwareRule;

class ApprovedSoftwareNamesTest {
    static final SoftwareRule SOFTWARE = new SoftwareRule(List.of("Scratch", "LibreOffice*", "Zoom", "Firefox"),
            true, List.of(new Clause("7.5", "approved software")));

    @Test
    void installerNamesAreTracedToTheirApplication() {
        assertEquals("Scratch", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "Scratch Setup 3.29.1.exe"));
        assertEquals("Scratch", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "Scratch-3.29.1-x64-installer.msi"));
        assertEquals("Scratch", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "ScratchSetup.exe"));
        assertEquals("Zoom", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "ZoomInstaller.exe"));
        assertEquals("Firefox", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "Firefox Setup 128.5.0esr.exe"));
        assertEquals("Firefox", ApprovedSoftwareNames.approvedEntry(SOFTWARE, "setup_firefox.exe"));
        assertEquals("LibreOffice*", ApprovedSoftwareNames.approvedEntry(SOFTWARE,
                "LibreOffice_24.8.3_Win_x86-64.msi"));
    }

    @Test
    void otherProgramsAreNotApproved() {
        assertNull(ApprovedSoftwareNames.approvedEntry(SOFTWARE, "minecraft-installer.exe"));
        assertNull(ApprovedSoftwareNames.approvedEntry(SOFTWARE, "ScratchCardGenerator.exe"));
        assertNull(ApprovedSoftwareNames.approvedEntry(SOFTWARE, "Setup.exe"));
        assertNull(ApprovedSoftwareNames.approvedEntry(null, "Scratch.exe"));
    }
}
