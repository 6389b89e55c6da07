package org.nestguard.agent.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * One weighted entry of a category's keyword list: when every part occurs in a visit's text, its weight counts
 * toward the category (once per visit, as e2guardian's "singular" phrase mode counts a page). Written
 * {@code <weight> <phrase>[ + <phrase>...]}: {@code 60 kill myself}, {@code 20 overdose + paracetamol},
 * {@code -30 breast + medical}. A weight ending in {@code %} is that share of the threshold (e2guardian 5.2).
 *
 * @param parts   the phrases that must all occur (one for a plain phrase)
 * @param weight  what it adds (negative: subtracts) when they do
 * @param percent whether {@code weight} is a percentage of the category threshold
 */
public record PhraseRule(List<Phrase> parts, int weight, boolean percent) {
    /** More parts than this cannot be tracked per visit and are refused. */
    public static final int MAX_PARTS = 16;

    public PhraseRule {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a rule has 1 to " + MAX_PARTS + " phrases, not " + parts.size());
        }
        if (weight == 0) {
            throw new IllegalArgumentException("a weight of 0 has no effect; give a positive or negative number");
        }
    }

    /**
     * Reads one line of a {@code phrases} file.
     *
     * @throws IllegalArgumentException saying what was wrong and what a line looks like
     */
    public static PhraseRule parse(String line) {
        String text = line.strip();
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("expected '<weight> <phrase>', such as '60 kill myself' or "
                    + "'20 overdose + paracetamol', found '" + shorten(line) + "'");
        }
        String weightText = text.substring(0, space);
        boolean percent = weightText.endsWith("%");
        int weight;
        try {
            weight = Integer.parseInt(percent ? weightText.substring(0, weightText.length() - 1) : weightText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shorten(weightText) + "' is not a weight; expected a whole "
                    + "number such as 40 or -30, or a share of the threshold such as 10%, before the phrase");
        }
        List<Phrase> parts = new ArrayList<>();
        for (String part : text.substring(space + 1).split("\\+", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'+' joins two phrases, and one side of it is empty in '"
                        + shorten(line.strip()) + "'");
            }
            parts.add(Phrase.parse(part));
        }
        return new PhraseRule(parts, weight, percent);
    }

    /** The weight with a percentage resolved against {@code threshold}. */
    public int weightFor(int threshold) {
        return percent ? Math.round(weight * threshold / 100f) : weight;
    }

    /** The line as a {@code phrases} file writes it. */
    public String format() {
        StringBuilder line = new StringBuilder().append(weight).append(percent ? "%" : "").append(' ');
        for (int i = 0; i < parts.size(); i++) {
            line.append(i == 0 ? "" : " + ").append(parts.get(i));
        }
        return line.toString();
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
