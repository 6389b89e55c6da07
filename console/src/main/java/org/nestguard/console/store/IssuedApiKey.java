package org.nestguard.console.store;

/** An API key just created: the only time its secret is available. */
public record IssuedApiKey(ApiKey key, String secret) {
    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", secret=<hidden>]";
    }
}
