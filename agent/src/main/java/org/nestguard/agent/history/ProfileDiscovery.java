package org.nestguard.agent.history;

import java.io.IOException;
import java.util.List;

/** Finds the browser profiles of every local account: one implementation per OS. */
public interface ProfileDiscovery {
    /** Every profile whose history database exists now. */
    List<BrowserProfile> discover() throws IOException;
}
