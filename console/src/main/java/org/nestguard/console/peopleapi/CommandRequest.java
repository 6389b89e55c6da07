package org.nestguard.console.peopleapi;

/** What a person asks a device to do: {@code {"type":"check-now"}}. */
public record CommandRequest(String type) {
}
