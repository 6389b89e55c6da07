/**
 * What the agent's monitoring sends the console: visits, flags on visits and notices about history itself
 * (cleared, removed, unreadable). Agent and console both read these records; neither defines its own copy.
 */
package org.nestguard.protocol.monitoring;
