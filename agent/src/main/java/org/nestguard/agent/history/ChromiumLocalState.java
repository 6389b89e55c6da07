package org.nestguard.agent.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The profile folders a Chromium-family browser's {@code Local State} file lists: the keys of
 * {@code profile.info_cache}. The display names stored there are not used: a profile is known by its folder.
 *
 * <p>The file is read as a stream and only those keys are kept. It holds much else (a variations seed of hundreds of
 * kilobytes) and it is the monitored account's to write: read whole, a file of megabytes filled the agent's heap.
 */
public final class ChromiumLocalState {
    /** More profiles than anyone keeps in one browser: past this the file is refused (folders are searched). */
    public static final int MAX_PROFILES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromiumLocalState() {
    }

    /**
     * The folder names in {@code profile.info_cache}, in file order; empty when the file has no such object.
     *
     * @throws IllegalArgumentException when the text is not JSON, a name is longer than JSON names may be here
     *                                  (Jackson's limit, 50,000 characters) or it lists more than
     *                                  {@link #MAX_PROFILES} profiles, saying so
     * @throws IOException              when the file cannot be read
     */
    public static List<String> profileFolders(InputStream localState) throws IOException {
        Set<String> folders = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(localState)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("profile")) {
                    readProfile(parser, folders);
                } else {
                    parser.skipChildren(); // a value not needed is skipped, never held
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Local State is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new ArrayList<>(folders);
    }

    /** Inside {@code profile}: the keys of {@code info_cache}. */
    private static void readProfile(JsonParser parser, Set<String> folders) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("info_cache")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    folders.add(parser.currentName());
                    if (folders.size() > MAX_PROFILES) {
                        throw new IllegalArgumentException("Local State lists more than " + MAX_PROFILES
                                + " profiles, more than anyone keeps in one browser");
                    }
                    parser.nextToken();
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
        }
    }
}
