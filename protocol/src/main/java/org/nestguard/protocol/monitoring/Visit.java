package org.nestguard.protocol.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One page visit read from a browser's history.
 *
 * @param time        when the visit happened, UTC, converted from the browser's own time base
 * @param url         the full URL as the browser stored it
 * @param title       the page title, empty when the browser stored none
 * @param browser     the browser's name: chrome, edge, brave, chromium, firefox or safari
 * @param profile     the browser profile's name (Chromium's folder such as "Default", Firefox's profile name)
 * @param account     the local OS account whose profile it is
 * @param accountKind learner or staff, by the policy's learner rule
 * @param transition  how the visit began, in the browser's own terms mapped to: link, typed, bookmark, reload,
 *                    redirect, form, generated, embedded, other
 * @param searchTerms the query when the URL is a search or the browser recorded one for it, else null
 */
public record Visit(Instant time, String url, String title, String browser, String profile, String account,
                    AccountKind accountKind, String transition, String searchTerms) {
    public Visit {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(url, "url");
        title = title == null ? "" : title;
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(accountKind, "accountKind");
        Objects.requireNonNull(transition, "transition");
    }
}
