package org.nestguard.agent.check;

/**
 * One thing a check read and what it made of it.
 *
 * @param item   what the evidence is about (a volume, an account, a product)
 * @param value  what was found, in words a technical lead understands
 * @param source where it was read (command, file, registry key)
 * @param status how this item alone fared, or null for information that does not decide the outcome
 */
public record Evidence(String item, String value, String source, Status status) {
}
