package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.ProbeException;

/**
 * windows-update-search-*.txt are in the format {@link WindowsUpdateProbe#SEARCH_SCRIPT} prints (tab-separated,
 * CRLF), written by hand from the IUpdate properties it reads; the script itself has not run here (no Windows).
 * Category GUIDs are Windows Update's classification IDs (Security Updates, Definition Updates, Updates, Drivers).
 */
class WindowsUpdateProbeTest {
    private final CommandRunner runner = mock(CommandRunner.class);
    private final WindowsUpdateProbe probe = new WindowsUpdateProbe(RegFileRegistry.load(), runner, java.time.Clock.systemUTC());

    private void searchPrints(int exit, String stdout, String stderr) throws ProbeException {
        when(runner.run(any(), any(Duration.class)))
                .thenReturn(new CommandResult(List.of("powershell.exe"), exit, stdout, stderr));
    }

    @Test
    void securityUpdatesAreRecognisedByCategoryIdOrSeverityWhateverTheLanguage() throws ProbeException {
        searchPrints(0, Fixtures.text("windows-update-search-pending.txt"), "");

        List<PendingUpdate> updates = probe.pending().updates();

        assertEquals(4, updates.size());
        PendingUpdate cumulative = updates.get(0);
        assertTrue(cumulative.security());
        assertEquals("KB5034441", cumulative.version());
        assertEquals(Instant.parse("2024-01-09T00:00:00Z"), cumulative.availableSince());
        assertTrue(cumulative.source().contains("MsrcSeverity Important"), cumulative.source());
        assertFalse(updates.get(1).security(), "definition updates are not classified as security updates");
        assertTrue(updates.get(2).name().contains("Aktualisierung für Windows 11"), updates.get(2).name());
        assertFalse(updates.get(2).security());
        assertEquals("Intel Corporation - Display - 31.0.101.5590", updates.get(3).name());
    }

    @Test
    void noPendingUpdatesIsAnEmptyList() throws ProbeException {
        searchPrints(0, Fixtures.text("windows-update-search-none.txt"), "");
        assertTrue(probe.pending().updates().isEmpty());
    }

    @Test
    void failedSearchIsAProbeExceptionWithTheError() throws ProbeException {
        searchPrints(1, "", "Exception from HRESULT: 0x8024402C");
        ProbeException e = assertThrows(ProbeException.class, probe::pending);
        assertTrue(e.getMessage().contains("0x8024402C"), e.getMessage());
    }

    @Test
    void aLineThatCannotBeParsedFailsTheWholeList() throws ProbeException {
        searchPrints(0, "KB5034441\tImportant\r\nKB1\t\t\tnot-a-date\tTitle\r\n", "");
        assertThrows(ProbeException.class, probe::pending);
    }
}
