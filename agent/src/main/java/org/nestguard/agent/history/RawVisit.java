package org.nestguard.agent.history;

import java.time.Instant;

/**
 * One visit as a reader found it, before the collector adds browser, profile and account.
 *
 * @param id          the visit's row id in the browser's database
 * @param rawTime     the visit time in the browser's own time base, for the cursor
 * @param time        the same time in UTC
 * @param url         the URL
 * @param title       the page title, empty when none
 * @param transition  link, typed, bookmark, reload, redirect, form, generated, embedded or other
 * @param searchTerms a query the browser itself recorded for this visit (Chromium's keyword_search_terms), else
 *                    null; queries in search-engine URLs are found separately
 */
public record RawVisit(long id, long rawTime, Instant time, String url, String title, String transition,
                       String searchTerms) {
}
