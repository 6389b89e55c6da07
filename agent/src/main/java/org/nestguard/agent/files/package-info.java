/**
 * Flagged files: watching the policy's folders of every account and removable volumes, a persistent index so
 * unchanged files are not hashed again, hash lists, place rules, and outing readiness counts. Isolation itself is
 * the quarantine package's.
 */
package org.nestguard.agent.files;
