package org.nestguard.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A wrong policy file must say where and what: each case asserts the exact line, the field path and the key
 * words of the problem, because that message is all a technical lead has to fix the file with.
 */
class PolicyLoaderTest {
    private static final String HEAD = "schemaVersion: 1\nsetting: {id: t, name: T, source: s}\n";
    private static final String CLAUSE = "  clauses: [{section: \"7.5\", quote: q}]\n";

    private static PolicyException error(String yaml) {
        return assertThrows(PolicyException.class, () -> new PolicyLoader().parse("p.yaml", yaml));
    }

    /** Asserts the line, the field and that the problem mentions every key word (case-insensitive). */
    private static void assertError(String yaml, int line, String field, String... words) {
        PolicyException e = error(yaml);
        assertAll(e.getMessage(),
                () -> assertEquals(line, e.line(), "line"),
                () -> assertEquals(field, e.field(), "field"),
                () -> assertEquals("p.yaml", e.source(), "source"),
                () -> {
                    for (String word : words) {
                        assertTrue(e.problem().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                                "problem lacks '" + word + "': " + e.problem());
                    }
                });
    }

    private static Policy load(String yaml) throws PolicyException {
        return new PolicyLoader().parse("p.yaml", yaml);
    }

    private static String screenLock(String maxIdle) {
        return HEAD + "screenLock:\n  maxIdle: " + maxIdle + "\n  passwordOnWake: true\n" + CLAUSE;
    }

    private static String passwords(String maxAge) {
        return HEAD + "passwords:\n  required: true\n  maxAge: " + maxAge + "\n  guestAllowed: false\n"
                + "  autoLogonAllowed: false\n" + CLAUSE;
    }

    @Test
    void aMinimalPolicyLoadsAndLeavesUnsetControlsNull() throws PolicyException {
        Policy policy = load(HEAD);
        assertEquals("t", policy.setting().id());
        assertNull(policy.passwords());
        assertNull(policy.encryption());
        assertEquals(List.of(), policy.termDates());
        assertEquals(List.of(), policy.premises().networks());
    }

    @Nested
    class BadYaml {
        @Test
        void tabIndentation() {
            assertError("schemaVersion: 1\nsetting:\n\tid: t\n", 3, "", "not valid YAML", "TAB", "indentation");
        }

        @Test
        void unclosedBracket() {
            assertError("schemaVersion: 1\nsetting: {id: t, name: T, source: s\n", 3, "", "not valid YAML",
                    "expected ',' or '}'", "flow mapping");
        }

        @Test
        void badIndentation() {
            PolicyException e = error("schemaVersion: 1\nsetting:\n  id: t\n   name: T\n");
            assertEquals(4, e.line());
            assertEquals(8, e.column());
            assertTrue(e.problem().contains("mapping values are not allowed here"), e.problem());
        }

        @Test
        void emptyFile() {
            for (String empty : List.of("", "   \n\n")) {
                PolicyException e = error(empty);
                assertEquals(0, e.line());
                assertEquals("", e.field());
                assertTrue(e.problem().contains("is empty") && e.problem().contains("schemaVersion: 1"), e.problem());
            }
        }

        @Test
        void duplicateKeyAtTopLevelAndNested() {
            String clause = "  clauses: [{section: \"11.4\", quote: q}]\n";
            assertError(HEAD + "firewall:\n" + clause + "firewall:\n" + clause, 5, "firewall", "'firewall' appears twice");
            assertError(HEAD + "screenLock:\n  maxIdle: PT5M\n  maxIdle: PT6M\n  passwordOnWake: true\n" + CLAUSE, 5,
                    "screenLock.maxIdle", "'maxIdle' appears twice", "keep one");
        }
    }

    @Nested
    class WrongTypes {
        @Test
        void listWhereTextExpected() {
            assertError(HEAD + "logonNotice:\n  text: [a, b]\n" + CLAUSE, 4, "logonNotice.text", "expected text");
        }

        @Test
        void textWhereListExpected() {
            assertError(HEAD + "roles:\n  dsl: Alexandra Stewart\n", 4, "roles.dsl", "expected a list");
        }

        @Test
        void numberWhereBooleanExpected() {
            assertError(HEAD + "screenLock:\n  maxIdle: PT5M\n  passwordOnWake: 5\n" + CLAUSE, 5,
                    "screenLock.passwordOnWake", "'5' is not allowed", "true or false");
        }

        @Test
        void wordYesIsNotABoolean() {
            assertError(HEAD + "screenLock:\n  maxIdle: PT5M\n  passwordOnWake: \"yes\"\n" + CLAUSE, 5,
                    "screenLock.passwordOnWake", "true or false");
        }
    }

    @Test
    void scheduleDefaultsWhenLeftOutAndIsRangeChecked() throws PolicyException {
        assertEquals(Schedule.DEFAULT, load(HEAD).schedule());
        assertEquals(Duration.ofMinutes(30), load(HEAD + "schedule: {checkEvery: PT30M, checkInEvery: PT1M}\n")
                .schedule().checkEvery());
        assertError(HEAD + "schedule:\n  checkEvery: PT1M\n  checkInEvery: PT5M\n", 4, "schedule.checkEvery",
                "out of range", "PT5M");
    }

    @Nested
    class EmptyValues {
        @Test
        void anEmptyControlIsAnErrorNotSilentlyNoRule() {
            assertError(HEAD + "encryption:\n", 3, "encryption", "has no value", "remove the line");
            assertError(HEAD + "screenLock: ~\n", 3, "screenLock", "has no value");
        }

        @Test
        void anEmptyListItemIsNamedByItsIndex() {
            assertError(HEAD + "termDates:\n  - {name: Autumn, start: 2026-09-03, end: 2026-12-18}\n  -\n", 5,
                    "termDates[1]", "empty list item");
            assertError(HEAD + "software:\n  approved: [Firefox, ~]\n  approveOsComponents: true\n" + CLAUSE, 4,
                    "software.approved[1]", "empty list item");
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void topLevel() {
            assertError(HEAD + "setting2: 1\n", 3, "setting2", "unknown field 'setting2'", "schemaVersion", "screenLock");
        }

        @Test
        void nestedInsideAListItem() {
            assertError(HEAD + "screenLock: {maxIdle: PT5M, passwordOnWake: true, clauses: [{section: \"7.5\", quote: q, page: 3}]}\n",
                    3, "screenLock.clauses[0].page", "unknown field 'page'", "quote, section");
        }

        @Test
        void misspeltRequiredFieldIsNamedNotReportedMissing() {
            PolicyException e = error(HEAD + "screenLock:\n  maxIdel: PT5M\n  passwordOnWake: true\n" + CLAUSE);
            assertEquals(4, e.line());
            assertEquals("screenLock.maxIdel", e.field());
            assertTrue(e.problem().contains("unknown field 'maxIdel'") && e.problem().contains("maxIdle"), e.problem());
            assertFalse(e.problem().contains("missing"), "must not claim the correct field is missing: " + e.problem());
        }

        @Test
        void misspeltTopLevelRule() {
            assertError(HEAD + "pasword:\n  required: true\n", 3, "pasword", "unknown field 'pasword'", "passwords");
        }
    }

    @Nested
    class Durations {
        @Test
        void zeroNegativeAndHugeAreOutOfRange() {
            for (String bad : List.of("PT0S", "PT-5M", "PT300H")) {
                assertError(screenLock(bad), 4, "screenLock.maxIdle", "'" + bad + "' is out of range", "PT10S to PT4H");
            }
        }

        @Test
        void wordsAndBareNumbersAreRefused() {
            assertError(screenLock("5 minutes"), 4, "screenLock.maxIdle", "'5 minutes' is not allowed", "ISO-8601", "PT5M");
            assertError(screenLock("300"), 4, "screenLock.maxIdle", "'300' is not allowed", "ISO-8601");
        }

        @Test
        void boundariesAreInclusive() throws PolicyException {
            assertEquals(Duration.ofSeconds(10), load(screenLock("PT10S")).screenLock().maxIdle());
            assertEquals(Duration.ofHours(4), load(screenLock("PT4H")).screenLock().maxIdle());
        }
    }

    @Nested
    class PasswordAges {
        @Test
        void zeroAndNegativeAreOutOfRange() {
            assertError(passwords("P0D"), 5, "passwords.maxAge", "'P0D' is out of range", "positive period");
            assertError(passwords("P-1M"), 5, "passwords.maxAge", "'P-1M' is out of range", "positive period");
        }

        @Test
        void wordsAreNotUnderstood() {
            assertError(passwords("monthly"), 5, "passwords.maxAge", "'monthly' is not understood", "'none', 'term'", "P1M");
        }

        @Test
        void termWithoutTermDates() {
            assertError(passwords("term"), 5, "passwords.maxAge", "'term'", "no termDates");
        }

        @Test
        void theThreeFormsLoad() throws PolicyException {
            assertEquals("P1M", load(passwords("P1M")).passwords().maxAge().toString());
            assertEquals("none", load(passwords("none")).passwords().maxAge().toString());
            assertTrue(load(passwords("term") + "termDates: [{name: Autumn, start: 2026-09-03, end: 2026-12-18}]\n")
                    .passwords().maxAge() instanceof PasswordAge.EveryTerm);
        }
    }

    @Nested
    class TermDates {
        @Test
        void outOfOrder() {
            assertError(HEAD + "termDates:\n  - {name: Spring, start: 2027-01-04, end: 2027-03-26}\n"
                    + "  - {name: Autumn, start: 2026-09-03, end: 2026-12-18}\n", 5, "termDates[1].start",
                    "'Autumn' starts on 2026-09-03", "date order");
        }

        @Test
        void overlapping() {
            assertError(HEAD + "termDates:\n  - {name: Autumn, start: 2026-09-03, end: 2026-12-18}\n"
                    + "  - {name: Spring, start: 2026-12-18, end: 2027-03-26}\n", 5, "termDates[1].start",
                    "not after 'Autumn' ends on 2026-12-18", "without overlaps");
        }

        @Test
        void endBeforeStart() {
            assertError(HEAD + "termDates:\n  - {name: Autumn, start: 2026-09-03, end: 2026-08-18}\n", 4,
                    "termDates[0].end", "ends on 2026-08-18, before it starts on 2026-09-03");
        }

        @Test
        void impossibleDate() {
            assertError(HEAD + "termDates:\n  - {name: Spring, start: 2027-01-04, end: 2027-02-30}\n", 4,
                    "termDates[0].end", "'2027-02-30' is not allowed", "YYYY-MM-DD");
        }
    }

    @Nested
    class CrossFieldAndValues {
        @Test
        void offPremisesWithoutNetworks() {
            assertError(HEAD + "encryption: {required: offPremises, clauses: [{section: \"7.5\", quote: q}]}\n", 3,
                    "encryption.required", "'offPremises' but premises.networks is empty");
        }

        @Test
        void badCidr() {
            assertError(HEAD + "premises:\n  networks: [10.0.0.0/33]\n", 4, "premises.networks[0]", "'10.0.0.0/33'",
                    "prefix length outside 0-32");
            assertError(HEAD + "premises:\n  networks: [10.0.0.0]\n", 4, "premises.networks[0]", "'10.0.0.0' is not a network");
            assertError(HEAD + "premises:\n  networks: [school.example/24]\n", 4, "premises.networks[0]", "is not a network");
        }

        @Test
        void badSettingId() {
            assertError("schemaVersion: 1\nsetting: {id: Ditton_Junior, name: T, source: s}\n", 2, "setting.id",
                    "'Ditton_Junior' is not a valid setting id", "lower-case");
        }

        @Test
        void badLearnerRegex() {
            assertError(HEAD + "learners:\n  namePattern: \"pupil-[a-z\"\n" + CLAUSE, 4, "learners.namePattern",
                    "'pupil-[a-z' is not a valid regular expression", "unclosed character class");
        }

        @Test
        void learnersWithNoWayToTellThem() {
            assertError(HEAD + "learners:\n" + CLAUSE, 3, "learners.groups", "no way to tell learner accounts");
        }

        @Test
        void missingClauses() {
            assertError(HEAD + "firewall: {}\n", 3, "firewall.clauses", "must cite at least one clause");
            assertError(HEAD + "firewall:\n  clauses: []\n", 4, "firewall.clauses", "must cite at least one clause");
        }

        @Test
        void emptyQuote() {
            assertError(HEAD + "firewall:\n  clauses:\n    - {section: \"11.4\", quote: \"\"}\n", 5,
                    "firewall.clauses[0].quote", "missing or empty");
            assertError(HEAD + "firewall:\n  clauses:\n    - {section: \"11.4\", quote: \"   \"}\n", 5,
                    "firewall.clauses[0].quote", "missing or empty");
        }

        @Test
        void wrongSchemaVersion() {
            assertError("schemaVersion: 2\nsetting: {id: t, name: T, source: s}\n", 1, "schemaVersion", "is 2",
                    "reads schemaVersion 1");
        }

        @Test
        void missingSchemaVersion() {
            assertError("setting: {id: t, name: T, source: s}\n", 1, "schemaVersion", "missing");
        }

        @Test
        void unknownEnumValue() {
            assertError(HEAD + "encryption: {required: sometimes, clauses: [{section: \"7.5\", quote: q}]}\n", 3,
                    "encryption.required", "'sometimes' is not allowed", "always, offPremises");
        }

        @Test
        void permittedTimesWithoutTimes() {
            assertError(HEAD + "socialMedia:\n  use: permittedTimes\n" + CLAUSE, 3, "socialMedia.permittedTimes",
                    "needs the times");
        }
    }

    @Nested
    class CurrentTerm {
        private final Policy policy = policyWithTerms();

        private Policy policyWithTerms() {
            try {
                return load(HEAD + "termDates:\n"
                        + "  - {name: Autumn 2026, start: 2026-09-03, end: 2026-12-18}\n"
                        + "  - {name: Spring 2027, start: 2027-01-04, end: 2027-03-26}\n"
                        + "  - {name: Summer 2027, start: 2027-04-12, end: 2027-07-21}\n");
            } catch (PolicyException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void inTerm() {
            assertEquals("Autumn 2026", policy.currentTerm(LocalDate.of(2026, 11, 23)).orElseThrow().name());
            assertEquals("Spring 2027", policy.currentTerm(LocalDate.of(2027, 1, 4)).orElseThrow().name(), "first day");
            assertEquals("Summer 2027", policy.currentTerm(LocalDate.of(2027, 7, 21)).orElseThrow().name(), "last day");
        }

        @Test
        void holidayBetweenTermsStillCountsAsThePreviousTerm() {
            assertEquals("Autumn 2026", policy.currentTerm(LocalDate.of(2026, 12, 25)).orElseThrow().name());
            assertEquals("Spring 2027", policy.currentTerm(LocalDate.of(2027, 4, 11)).orElseThrow().name());
        }

        @Test
        void beforeTheFirstTermIsEmpty() {
            assertTrue(policy.currentTerm(LocalDate.of(2026, 9, 2)).isEmpty());
        }

        @Test
        void afterTheLastTermIsEmptySoTheCalendarNeedsNewDates() {
            assertTrue(policy.currentTerm(LocalDate.of(2027, 7, 22)).isEmpty());
            assertTrue(policy.currentTerm(LocalDate.of(2027, 9, 6)).isEmpty());
        }

        @Test
        void noTermsMeansNoCurrentTerm() throws PolicyException {
            assertTrue(load(HEAD).currentTerm(LocalDate.of(2026, 11, 23)).isEmpty());
        }
    }

    @Nested
    class Networks {
        private InetAddress ip(String text) throws Exception {
            return InetAddress.getByName(text);
        }

        @Test
        void ipv4Prefixes() throws Exception {
            Cidr cidr = Cidr.parse("n", "10.20.0.0/16");
            assertTrue(cidr.contains(ip("10.20.0.1")));
            assertTrue(cidr.contains(ip("10.20.255.254")));
            assertFalse(cidr.contains(ip("10.21.0.1")));
            Cidr odd = Cidr.parse("n", "192.168.4.0/22");
            assertTrue(odd.contains(ip("192.168.7.200")));
            assertFalse(odd.contains(ip("192.168.8.1")));
            assertTrue(Cidr.parse("n", "10.0.0.0/8").contains(ip("10.200.69.160")));
            assertTrue(Cidr.parse("n", "10.1.2.3/32").contains(ip("10.1.2.3")));
            assertFalse(Cidr.parse("n", "10.1.2.3/32").contains(ip("10.1.2.4")));
        }

        @Test
        void rangesTooWideToMeanThePremisesAreRefused() {
            for (String wide : new String[] {"0.0.0.0/0", "10.0.0.0/7", "::/0", "2001:db8::/16"}) {
                PolicyFieldException e = assertThrows(PolicyFieldException.class, () -> Cidr.parse("networks[0]", wide));
                assertTrue(e.getMessage().contains("too wide"), e.getMessage());
            }
        }

        @Test
        void ipv6AndMixedFamilies() throws Exception {
            Cidr v6 = Cidr.parse("n", "2001:db8::/32");
            assertTrue(v6.contains(ip("2001:db8:1::5")));
            assertFalse(v6.contains(ip("2001:db9::1")));
            assertFalse(v6.contains(ip("10.0.0.1")), "an IPv4 address is never inside an IPv6 range");
            assertFalse(Cidr.parse("n", "10.0.0.0/8").contains(ip("::1")));
        }

        @Test
        void parseErrorsNameTheField() {
            PolicyFieldException e = assertThrows(PolicyFieldException.class, () -> Cidr.parse("premises.networks[2]", "10.0.0.0/-1"));
            assertEquals("premises.networks[2]", e.field());
            assertThrows(PolicyFieldException.class, () -> Cidr.parse("n", "2001:db8::/129"));
            assertThrows(PolicyFieldException.class, () -> Cidr.parse("n", "10.0.0.0/abc"));
            assertThrows(PolicyFieldException.class, () -> Cidr.parse("n", null));
        }

        @Test
        void premisesContainsAny() throws Exception {
            Premises premises = new Premises(List.of("10.61.0.0/16", "2001:db8:61::/48"));
            assertTrue(premises.containsAny(List.of(ip("192.168.1.20"), ip("10.61.4.9"))), "any one address on site is enough");
            assertTrue(premises.containsAny(List.of(ip("2001:db8:61::7"))));
            assertFalse(premises.containsAny(List.of(ip("192.168.1.20"), ip("2001:db8:62::1"))));
            assertFalse(premises.containsAny(List.of()), "no addresses: not on the premises");
            assertFalse(new Premises(null).containsAny(List.of(ip("10.61.0.1"))), "no networks: nothing is on the premises");
        }
    }

    @Nested
    class SoftwareWildcards {
        private final SoftwareRule rule = new SoftwareRule(List.of("Google Chrome", "Scratch*", "*Reader", "Microsoft*Office*"),
                true, List.of(new Clause("7.5", "q")));

        @Test
        void exactNamesIgnoreCase() {
            assertEquals("Google Chrome", rule.approvedEntryFor("google chrome"));
            assertNull(rule.approvedEntryFor("Google Chrome Beta"), "no wildcard: the whole name must match");
        }

        @Test
        void prefixSuffixAndInnerWildcards() {
            assertEquals("Scratch*", rule.approvedEntryFor("Scratch 3"));
            assertEquals("Scratch*", rule.approvedEntryFor("Scratch"), "* may match nothing");
            assertEquals("*Reader", rule.approvedEntryFor("Adobe Acrobat Reader"));
            assertNull(rule.approvedEntryFor("Reader Rabbit Deluxe"), "*Reader must end with Reader");
            assertEquals("Microsoft*Office*", rule.approvedEntryFor("Microsoft 365 Office Apps"));
            assertNull(rule.approvedEntryFor("Office Microsoft"), "parts must appear in order");
        }

        @Test
        void unapprovedIsNull() {
            assertNull(rule.approvedEntryFor("uTorrent"));
            assertNull(new SoftwareRule(null, true, List.of(new Clause("7.5", "q"))).approvedEntryFor("Anything"));
        }
    }
}
