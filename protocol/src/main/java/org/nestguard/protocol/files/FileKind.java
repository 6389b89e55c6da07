package org.nestguard.protocol.files;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a file is, decided by the agent from its first bytes (magic numbers) and then its name. */
public enum FileKind {
    @JsonProperty("image") IMAGE,
    @JsonProperty("video") VIDEO,
    @JsonProperty("document") DOCUMENT,
    @JsonProperty("executable") EXECUTABLE,
    @JsonProperty("archive") ARCHIVE,
    @JsonProperty("other") OTHER
}
