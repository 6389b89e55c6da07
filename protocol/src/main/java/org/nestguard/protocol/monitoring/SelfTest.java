package org.nestguard.protocol.monitoring;

/**
 * The monitoring self-test the DfE standard asks schools to run: the console sends command {@value #COMMAND}
 * with payload {@code {"selfTestId": "..."}}; the agent records a canary visit whose URL and title carry
 * {@link #PHRASE} and the id, through the same reader and classifier as real history; the flag that comes back
 * with that {@code selfTestId} proves monitoring works end to end.
 */
public final class SelfTest {
    public static final String COMMAND = "self-test";
    /** A harmless phrase no real page uses; the classifier always flags it in category {@link Categories#SELF_TEST}. */
    public static final String PHRASE = "nestguard monitoring self-test canary";
    /** The host of the canary URL: reserved by RFC 2606, so it can never be a real site. */
    public static final String HOST = "self-test.nestguard.invalid";

    private SelfTest() {
    }

    /** The self-test id a canary URL carries, or null when {@code url} is not a canary. */
    public static String idIn(String url) {
        String prefix = "https://" + HOST + "/canary?";
        if (url == null || !url.startsWith(prefix)) {
            return null;
        }
        for (String parameter : url.substring(prefix.length()).split("&")) {
            if (parameter.startsWith("id=") && parameter.length() > 3) {
                return parameter.substring(3);
            }
        }
        return null;
    }

    /** The canary page's title, carrying the phrase. */
    public static String title(String selfTestId) {
        return "Nestguard monitoring self-test " + selfTestId + ": " + PHRASE;
    }

    /** The canary URL for one self-test. */
    public static String url(String selfTestId) {
        return "https://" + HOST + "/canary?phrase=nestguard+monitoring+self-test+canary&id=" + selfTestId;
    }
}
