package org.nestguard.agent.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every list's weighted phrases and the allow-list's phrases, compiled into one {@link PhraseAutomaton}, and the
 * scoring of one visit's text against them: each rule whose phrases all occur counts its weight once toward its
 * list's category; an occurrence that overlaps an allow-listed phrase (such as "breast cancer") counts toward
 * nothing; a category whose total reaches the threshold is reported with every rule that counted.
 */
final class KeywordLibrary {
    /**
     * The score at which a category is flagged: 50, e2guardian's {@code naughtynesslimit} for young children
     * ("50 is for young children, 100 for old children, 160 for young adults", e2guardianf1.conf). The agent
     * watches pupils from nursery to sixth form and flags for a person to judge, so it takes the lowest.
     */
    static final int DEFAULT_THRESHOLD = 50;

    /** A rule and the number of the list it came from. */
    record ListedRule(int list, PhraseRule rule) {
    }

    /** One rule that counted toward a category for a visit: its weight and every field its phrases were in. */
    record Contribution(int list, PhraseRule rule, int weight, String where) {
    }

    /** A category's total for one visit and the rules behind it, largest weight first. */
    record CategoryScore(int category, int total, List<Contribution> contributions) {
    }

    private static final int IN_SEARCH = 1;
    private static final int IN_TITLE = 2;
    private static final int IN_URL = 4;

    private final PhraseAutomaton automaton;
    private final boolean[] allow;
    private final int[] ruleList;
    private final PhraseRule[] rules;
    private final int[] usesStart;
    private final int[] usesRule;
    private final int[] usesPart;

    private KeywordLibrary(PhraseAutomaton automaton, boolean[] allow, int[] ruleList, PhraseRule[] rules,
                           int[] usesStart, int[] usesRule, int[] usesPart) {
        this.automaton = automaton;
        this.allow = allow;
        this.ruleList = ruleList;
        this.rules = rules;
        this.usesStart = usesStart;
        this.usesRule = usesRule;
        this.usesPart = usesPart;
    }

    static KeywordLibrary of(List<ListedRule> listed, List<Phrase> allowPhrases) {
        Map<Phrase, Integer> numbers = new HashMap<>();
        List<Phrase> phrases = new ArrayList<>();
        for (Phrase phrase : allowPhrases) {
            numbers.computeIfAbsent(phrase, p -> {
                phrases.add(p);
                return phrases.size() - 1;
            });
        }
        int allowCount = phrases.size();
        int[] ruleList = new int[listed.size()];
        PhraseRule[] rules = new PhraseRule[listed.size()];
        int uses = 0;
        for (int r = 0; r < listed.size(); r++) {
            ruleList[r] = listed.get(r).list();
            rules[r] = listed.get(r).rule();
            for (Phrase part : rules[r].parts()) {
                numbers.computeIfAbsent(part, p -> {
                    phrases.add(p);
                    return phrases.size() - 1;
                });
                uses++;
            }
        }
        boolean[] allow = new boolean[phrases.size()];
        Arrays.fill(allow, 0, allowCount, true);
        // Which (rule, part) pairs each phrase completes, grouped by phrase.
        int[] usesStart = new int[phrases.size() + 1];
        for (PhraseRule rule : rules) {
            for (Phrase part : rule.parts()) {
                usesStart[numbers.get(part) + 1]++;
            }
        }
        for (int p = 0; p < phrases.size(); p++) {
            usesStart[p + 1] += usesStart[p];
        }
        int[] fill = Arrays.copyOf(usesStart, phrases.size());
        int[] usesRule = new int[uses];
        int[] usesPart = new int[uses];
        for (int r = 0; r < rules.length; r++) {
            List<Phrase> parts = rules[r].parts();
            for (int j = 0; j < parts.size(); j++) {
                int slot = fill[numbers.get(parts.get(j))]++;
                usesRule[slot] = r;
                usesPart[slot] = j;
            }
        }
        return new KeywordLibrary(PhraseAutomaton.of(phrases), allow, ruleList, rules, usesStart, usesRule,
                usesPart);
    }

    boolean isEmpty() {
        return rules.length == 0;
    }

    int rules() {
        return rules.length;
    }

    /**
     * Scores one visit.
     *
     * @param listCategory for each list number, the category it counts toward, or -1 when it is not used
     * @param categories   how many categories there are
     * @param threshold    what a percentage weight is a share of
     * @param pageWords    whether the title and URL count, or only the search terms (an allow-listed site)
     */
    List<CategoryScore> score(VisitText text, int[] listCategory, int categories, int threshold, boolean pageWords) {
        if (rules.length == 0) {
            return List.of();
        }
        Occurrences found = new Occurrences();
        automaton.scan(text.chars(), text.length(), found);
        if (found.count == 0) {
            return List.of();
        }
        // The first occurrence of each phrase that no allow-listed phrase covers.
        int[] seenPhrase = new int[Math.min(found.count, 16)];
        int[] seenField = new int[seenPhrase.length];
        int seen = 0;
        for (int i = 0; i < found.count; i++) {
            int phrase = found.phrase[i];
            int start = found.start[i];
            if (allow[phrase] || (!pageWords && start >= text.titleStart())
                    || found.coveredByAllowed(start, found.end[i], allow)) {
                continue;
            }
            int already = indexOf(seenPhrase, seen, phrase);
            if (already >= 0) {
                seenField[already] |= fieldBit(text, start);
                continue;
            }
            if (seen == seenPhrase.length) {
                seenPhrase = Arrays.copyOf(seenPhrase, seen * 2);
                seenField = Arrays.copyOf(seenField, seen * 2);
            }
            seenPhrase[seen] = phrase;
            seenField[seen++] = fieldBit(text, start);
        }
        if (seen == 0) {
            return List.of();
        }
        int[] totals = new int[categories];
        List<List<Contribution>> byCategory = new ArrayList<>(categories);
        for (int c = 0; c < categories; c++) {
            byCategory.add(null);
        }
        Partials partials = new Partials();
        for (int k = 0; k < seen; k++) {
            int phrase = seenPhrase[k];
            for (int u = usesStart[phrase]; u < usesStart[phrase + 1]; u++) {
                int r = usesRule[u];
                int category = listCategory[ruleList[r]];
                if (category < 0) {
                    continue;
                }
                int fields = partials.add(r, usesPart[u], seenField[k], rules[r].parts().size());
                if (fields != 0) {
                    int weight = rules[r].weightFor(threshold);
                    totals[category] += weight;
                    if (byCategory.get(category) == null) {
                        byCategory.set(category, new ArrayList<>());
                    }
                    byCategory.get(category).add(new Contribution(ruleList[r], rules[r], weight, where(fields)));
                }
            }
        }
        List<CategoryScore> scores = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            List<Contribution> contributions = byCategory.get(c);
            if (contributions != null) {
                contributions.sort(Comparator.comparingInt(Contribution::weight).reversed());
                scores.add(new CategoryScore(c, totals[c], List.copyOf(contributions)));
            }
        }
        return scores;
    }

    private static int fieldBit(VisitText text, int position) {
        return position >= text.urlStart() ? IN_URL : position >= text.titleStart() ? IN_TITLE : IN_SEARCH;
    }

    private static String where(int fields) {
        List<String> names = new ArrayList<>(3);
        if ((fields & IN_SEARCH) != 0) {
            names.add("search terms");
        }
        if ((fields & IN_TITLE) != 0) {
            names.add("title");
        }
        if ((fields & IN_URL) != 0) {
            names.add("URL");
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static int indexOf(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The occurrences the automaton reported for one visit. */
    private static final class Occurrences implements PhraseAutomaton.Sink {
        int[] phrase;
        int[] start;
        int[] end;
        int count;

        @Override
        public void found(int p, int s, int e) {
            if (phrase == null) {
                phrase = new int[8];
                start = new int[8];
                end = new int[8];
            } else if (count == phrase.length) {
                phrase = Arrays.copyOf(phrase, count * 2);
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
            }
            phrase[count] = p;
            start[count] = s;
            end[count++] = e;
        }

        boolean coveredByAllowed(int s, int e, boolean[] allow) {
            for (int i = 0; i < count; i++) {
                if (allow[phrase[i]] && start[i] < e && s < end[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Combination rules part-way found in one visit: which parts were seen and in which fields. */
    private static final class Partials {
        private int[] rule = new int[4];
        private int[] parts = new int[4];
        private int[] fields = new int[4];
        private int count;

        /** Records a part; returns the fields of all parts when this completes the rule (once), else 0. */
        int add(int r, int part, int field, int partCount) {
            if (partCount == 1) {
                return field;
            }
            int i = indexOf(rule, count, r);
            if (i < 0) {
                if (count == rule.length) {
                    rule = Arrays.copyOf(rule, count * 2);
                    parts = Arrays.copyOf(parts, count * 2);
                    fields = Arrays.copyOf(fields, count * 2);
                }
                i = count++;
                rule[i] = r;
                parts[i] = 0;
                fields[i] = 0;
            }
            int full = (1 << partCount) - 1;
            if (parts[i] == full) {
                return 0;
            }
            parts[i] |= 1 << part;
            fields[i] |= field;
            return parts[i] == full ? fields[i] : 0;
        }
    }
}
