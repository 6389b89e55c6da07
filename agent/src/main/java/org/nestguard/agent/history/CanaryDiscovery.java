package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The device's browser profiles plus the agent's own canary history once a self-test has written one, so the
 * canary is read by the same copy, reader and cursor as every browser's history.
 */
public final class CanaryDiscovery implements ProfileDiscovery {
    /** The browser name canary visits report. */
    public static final String BROWSER = "nestguard-self-test";

    private final ProfileDiscovery browsers;
    private final CanaryHistory canary;
    private final String agentAccount;

    public CanaryDiscovery(ProfileDiscovery browsers, CanaryHistory canary, String agentAccount) {
        this.browsers = browsers;
        this.canary = canary;
        this.agentAccount = agentAccount;
    }

    @Override
    public List<BrowserProfile> discover() throws IOException {
        List<BrowserProfile> profiles = new ArrayList<>(browsers.discover());
        if (Files.isRegularFile(canary.historyFile())) {
            profiles.add(new BrowserProfile(BROWSER, HistoryFormat.CHROMIUM, agentAccount, "self-test",
                    canary.historyFile()));
        }
        return profiles;
    }
}
