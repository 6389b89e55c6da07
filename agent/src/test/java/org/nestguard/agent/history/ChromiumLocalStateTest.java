package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChromiumLocalStateTest {

    @Test
    void listsTheProfileFoldersOfARealLocalState() {
        assertEquals(List.of("Default", "Profile 1", "Exams"),
                ChromiumLocalState.profileFolders(HistoryFixtures.text("windows", "chrome-local-state.json")));
    }

    @Test
    void localStateWithoutProfilesListsNone() {
        assertEquals(List.of(), ChromiumLocalState.profileFolders("{\"browser\":{\"last_redirect_origin\":\"\"}}"));
        assertEquals(List.of(), ChromiumLocalState.profileFolders("{\"profile\":{\"info_cache\":[]}}"));
        assertEquals(List.of(), ChromiumLocalState.profileFolders(""));
    }

    @Test
    void truncatedFileIsRefusedSayingItIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChromiumLocalState.profileFolders("{\"profile\":{\"info_cache\":{\"Default\":"));
        assertTrue(e.getMessage().startsWith("Local State is not valid JSON: "), e.getMessage());
    }
}
