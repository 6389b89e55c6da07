package org.nestguard.agent.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The profile folders a Chromium-family browser's {@code Local State} file lists: the keys of
 * {@code profile.info_cache}. The display names stored there are not used: a profile is known by its folder.
 */
public final class ChromiumLocalState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromiumLocalState() {
    }

    /**
     * The folder names in {@code profile.info_cache}, in file order; empty when the file has no such object.
     *
     * @throws IllegalArgumentException when the text is not JSON, saying so
     */
    public static List<String> profileFolders(String localStateJson) {
        JsonNode root;
        try {
            root = JSON.readTree(localStateJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Local State is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode cache = root == null ? null : root.path("profile").path("info_cache");
        List<String> folders = new ArrayList<>();
        if (cache != null && cache.isObject()) {
            for (Iterator<String> names = cache.fieldNames(); names.hasNext(); ) {
                folders.add(names.next());
            }
        }
        return folders;
    }
}
