package org.nestguard.agent.classify.importer;

import java.util.List;
import org.nestguard.agent.classify.ListKind;
import org.nestguard.agent.classify.ListName;
import org.nestguard.agent.classify.Phrase;
import org.nestguard.agent.classify.PhraseRule;

/**
 * One list an import produced, normalised and ready to store: domains in {@code HostName} form and URL prefixes
 * in {@code UrlPrefix} form, each sorted and unique; expressions that compiled within their cost bound; weighted
 * phrase rules, or plain phrases for the allow-list.
 *
 * @param name         the list's name within the import (a UT1 folder such as {@code adult}, or the category)
 * @param category     the Nestguard category it counts toward
 * @param sources      the files it was read from, for the stored file's header
 * @param domains      normalised domains
 * @param urls         normalised URL prefixes
 * @param expressions  extended regular expressions
 * @param rules        weighted phrase rules
 * @param allowPhrases phrases of the allow-list
 */
public record ImportedList(String name, String category, List<String> sources, List<String> domains,
                           List<String> urls, List<String> expressions, List<PhraseRule> rules,
                           List<Phrase> allowPhrases) {
    public ImportedList {
        if (!ListName.isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' cannot name a list");
        }
        sources = List.copyOf(sources);
        domains = List.copyOf(domains);
        urls = List.copyOf(urls);
        expressions = List.copyOf(expressions);
        rules = List.copyOf(rules);
        allowPhrases = List.copyOf(allowPhrases);
    }

    /** Entries of one kind. */
    public int count(ListKind kind) {
        return switch (kind) {
            case DOMAINS -> domains.size();
            case URLS -> urls.size();
            case EXPRESSIONS -> expressions.size();
            case PHRASES -> rules.size() + allowPhrases.size();
        };
    }

    /** Entries of every kind. */
    public int size() {
        return domains.size() + urls.size() + expressions.size() + rules.size() + allowPhrases.size();
    }
}
