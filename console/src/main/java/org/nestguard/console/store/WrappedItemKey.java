package org.nestguard.console.store;

/** A quarantine item's key as the console keeps it: wrapped for the evidence key with this fingerprint. */
public record WrappedItemKey(String itemId, String wrapped, String evidenceKeyFingerprint) {
    @Override
    public String toString() {
        // the wrapped key is not a secret without the evidence key, but it has no business in a log either
        return "WrappedItemKey[itemId=" + itemId + ", evidenceKeyFingerprint=" + evidenceKeyFingerprint + "]";
    }
}
