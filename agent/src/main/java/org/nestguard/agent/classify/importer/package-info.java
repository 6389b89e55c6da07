/**
 * Importers of other projects' list formats (UT1 folders, hosts files, plain domain lists, e2guardian weighted
 * phrase lists), one class each: pure readers from files to normalised lists, reporting every line they skip.
 * Writing the result into the agent's home is {@link org.nestguard.agent.classify.ListStore}'s job.
 */
package org.nestguard.agent.classify.importer;
