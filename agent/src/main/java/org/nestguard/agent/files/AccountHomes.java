package org.nestguard.agent.files;

import java.io.IOException;
import java.util.List;
import org.nestguard.agent.platform.AccountHome;

/** Every local account's home folder, listed afresh each time (accounts come and go between scans). */
@FunctionalInterface
public interface AccountHomes {
    List<AccountHome> list() throws IOException;
}
