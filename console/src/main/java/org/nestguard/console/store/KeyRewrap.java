package org.nestguard.console.store;

import java.security.GeneralSecurityException;

/**
 * Rewraps an item key held for the evidence key for a police recipient's key. The store calls it inside the
 * export's transaction so it never sees the evidence private key; the clear key lives only inside the call.
 */
@FunctionalInterface
public interface KeyRewrap {
    /** The item key of {@code key}, wrapped for the recipient, base64. */
    String rewrap(WrappedItemKey key) throws GeneralSecurityException;
}
