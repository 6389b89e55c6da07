package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChromiumLocalStateTest {

    @Test
    void listsTheProfileFoldersOfARealLocalState() throws IOException {
        assertEquals(List.of("Default", "Profile 1", "Exams"),
                folders(HistoryFixtures.text("windows", "chrome-local-state.json")));
    }

    @Test
    void localStateWithoutProfilesListsNone() throws IOException {
        assertEquals(List.of(), folders("{\"browser\":{\"last_redirect_origin\":\"\"}}"));
        assertEquals(List.of(), folders("{\"profile\":{\"info_cache\":[]}}"));
        assertEquals(List.of(), folders("{\"profile\":\"none\"}"));
        assertEquals(List.of(), folders(""));
    }

    @Test
    void truncatedFileIsRefusedSayingItIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> folders("{\"profile\":{\"info_cache\":{\"Default\":"));
        assertTrue(e.getMessage().startsWith("Local State is not valid JSON: "), e.getMessage());
    }

    @Test
    void moreProfilesThanAnyoneKeepsAreRefused() {
        StringBuilder json = new StringBuilder("{\"profile\":{\"info_cache\":{");
        for (int i = 0; i <= ChromiumLocalState.MAX_PROFILES; i++) {
            json.append(i == 0 ? "" : ",").append("\"Profile ").append(i).append("\":{}");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> folders(json.append("}}}").toString()));
        assertEquals("Local State lists more than 100 profiles, more than anyone keeps in one browser",
                e.getMessage());
    }

    @Test
    void valuesAroundTheProfilesAreSkippedNotHeldHoweverLarge() throws IOException {
        // 200 MB of seed before the profiles, skipped as it streams past (HostileHistoryTest reads a 20 MB Local
        // State in the service's 24 MiB heap, which a string and a tree of it would not fit)
        InputStream head = stream("{\"variations_compressed_seed\":\"");
        InputStream seed = new InputStream() {
            private long left = 200L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(into, offset, offset + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
        InputStream tail = stream("\",\"profile\":{\"info_cache\":{\"Default\":{\"name\":\"Pupil\"},\"Profile 1\":{}}}}");
        assertEquals(List.of("Default", "Profile 1"), ChromiumLocalState.profileFolders(
                new SequenceInputStream(new SequenceInputStream(head, seed), tail)));
    }

    private static List<String> folders(String json) throws IOException {
        return ChromiumLocalState.profileFolders(stream(json));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
