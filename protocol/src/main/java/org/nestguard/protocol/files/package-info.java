/**
 * What the agent's file checks and quarantine send the console, and the commands the console sends back. Agent
 * and console both read these records. None carries any byte of a flagged file's content: metadata only
 * (DESIGN §7); the one path content leaves a device is the police-evidence export, encrypted for a recipient key.
 */
package org.nestguard.protocol.files;
