package org.nestguard.console.store;

/**
 * Where a page of a list ordered by time then id ended (history visits, concerns), as the text the next request
 * passes back: {@code millis_id}. Anything else is refused rather than guessed at.
 */
record TimeCursor(long millis, String id) {
    static TimeCursor parse(String text) {
        int split = text.indexOf('_');
        try {
            if (split > 0 && split < text.length() - 1) {
                return new TimeCursor(Long.parseLong(text.substring(0, split)), text.substring(split + 1));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("before '" + text + "' is not a page position this console gave; "
                + "pass the 'next' value of the previous page unchanged");
    }

    String text() {
        return millis + "_" + id;
    }
}
