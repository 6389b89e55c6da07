package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Fixture format: last-1-*.txt follow macOS last(1) as walles/px's tests record it from OS X ("johan     ttys000
 * ...   Sun Apr  3 11:54   still logged in", and "wtmp begins Thu Oct  1 22:54 " with its trailing space), with our
 * user names and dates; hand-written. "Now" is Thursday 21 November 2024, 09:00 in London (GMT).
 */
class LastLoginTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2024, 11, 21, 9, 0, 0, 0, ZoneId.of("Europe/London"));

    @Test
    void datesALogonWithinTheLogAndTheLastYear() {
        LastLogin last = LastLogin.parse(FakeCommandRunner.fixture("last-1-ada.txt"), "ada", NOW);
        assertEquals(Instant.parse("2024-11-18T08:55:00Z"), last.at(), "Monday 18 November 2024 08:55 GMT");
        assertTrue(last.evidence().contains("still logged in"), last.evidence());
    }

    @Test
    void noSessionLineIsNoLogonSinceTheLogBegan() {
        LastLogin last = LastLogin.parse(FakeCommandRunner.fixture("last-1-never.txt"), "ada", NOW);
        assertNull(last.at());
        assertTrue(last.evidence().contains("since 2024-11-04"), last.evidence());
    }

    @Test
    void aLogOlderThanAYearIsNotDated() {
        // 2 September was a Saturday in 2023, a Monday in 2024: the log began at least a year ago.
        LastLogin last = LastLogin.parse(FakeCommandRunner.fixture("last-1-ada-old-log.txt"), "ada", NOW);
        assertNull(last.at(), "Thu Nov 16 is 2023 (or earlier), not 16 November 2024, a Saturday");
        assertTrue(last.evidence().contains("log is older"), last.evidence());
    }

    @Test
    void aLogonBeforeTheLogBeganIsFromAnEarlierYear() {
        // Mon Nov 18 fits 2024 and Thu Nov 21 fits 2024, but a log cannot begin after its own records:
        // the logon is 18 November 2019 (also a Monday) and the log began 21 November 2019.
        LastLogin last = LastLogin.parse(FakeCommandRunner.fixture("last-1-ada-before-log.txt"), "ada", NOW);
        assertNull(last.at());
    }

    @Test
    void otherUsersLinesAndMissingFooterGiveNoDate() {
        assertNull(LastLogin.parse(FakeCommandRunner.fixture("last-1-ada.txt"), "adam", NOW).at());
        assertNull(LastLogin.parse("ada       console                   Mon Nov 18 08:55   still logged in\n", "ada", NOW)
                .at(), "no wtmp begins line: the output is not what last prints");
    }

    @Test
    void leapDayOutsideTheLastYearIsNotDated() {
        ZonedDateTime march2025 = ZonedDateTime.of(2025, 3, 10, 9, 0, 0, 0, ZoneId.of("Europe/London"));
        String output = "ada       console                   Thu Feb 29 08:55 - 09:10  (00:15)\n\nwtmp begins Mon Feb 26 07:58 \n";
        assertNull(LastLogin.parse(output, "ada", march2025).at(), "29 February 2024 is more than a year ago");
        ZonedDateTime march2024 = ZonedDateTime.of(2024, 3, 10, 9, 0, 0, 0, ZoneId.of("Europe/London"));
        assertEquals(Instant.parse("2024-02-29T08:55:00Z"), LastLogin.parse(output, "ada", march2024).at());
    }
}
