/**
 * Browser history: finding every profile of every local account, reading a consistent copy of its database, and
 * remembering per profile what has been collected. Readers are per format (Chromium, Firefox, Safari); discovery
 * is per OS. Classification is elsewhere ({@code org.nestguard.agent.classify}).
 */
package org.nestguard.agent.history;
