package org.nestguard.agent.classify;

/**
 * A word or phrase of the keyword library as it is matched: folded words ({@link TextFold}) that must start at a
 * word boundary and, unless the phrase is a stem, end at one. Written {@code kill myself} (whole words) or
 * {@code suicid*} (a stem: the last word may go on, as in suicide, suicidal).
 *
 * @param words folded words separated by single spaces
 * @param stem  whether the last word may continue past the phrase
 */
public record Phrase(String words, boolean stem) {
    public Phrase {
        if (words == null || words.isEmpty() || !words.equals(TextFold.fold(words))) {
            throw new IllegalArgumentException("'" + words + "' is not a folded phrase; build phrases with "
                    + "Phrase.parse");
        }
    }

    /**
     * Reads a phrase as the list files write it.
     *
     * @throws IllegalArgumentException when nothing of it is a letter or digit, with what was expected
     */
    public static Phrase parse(String text) {
        String trimmed = text.strip();
        boolean stem = trimmed.endsWith("*");
        String folded = TextFold.fold(stem ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (folded.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no letters or digits; expected words such as "
                    + "'kill myself', or a stem such as 'suicid*'");
        }
        return new Phrase(folded, stem);
    }

    @Override
    public String toString() {
        return stem ? words + "*" : words;
    }
}
