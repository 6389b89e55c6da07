/**
 * The safeguarding classifier: which DfE / UK Safer Internet Centre categories (and a setting's own) a browser
 * visit falls in, and exactly why. {@link org.nestguard.agent.classify.ListLibrary} loads the lists shipped in
 * {@code policies/lists/} and those imported into the agent's home, and builds a
 * {@link org.nestguard.agent.classify.VisitClassifier} for a setting's history rule: domain lists (host and parent
 * domains), URL-prefix lists, URL expressions, and a keyword library of weighted phrases matched at word
 * boundaries on folded text, with an allow-list against over-blocking and a built-in self-test canary.
 * Importers of other formats are in {@code importer}.
 */
package org.nestguard.agent.classify;
