package org.nestguard.agent.platform;

import java.nio.file.Path;

/** A local account's home folder, as the OS's account discovery found it (the folder exists). */
public record AccountHome(String account, Path folder) {
}
