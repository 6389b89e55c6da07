package org.nestguard.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nestguard.protocol.policy.EncryptionRule;
import org.nestguard.protocol.policy.MonitoringRule.Method;
import org.nestguard.protocol.policy.PasswordAge;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.SocialMediaRule;
import org.nestguard.protocol.policy.Term;

/** The settings differ; these are the differences a technical lead would notice if a file got them wrong. */
class PerSettingDifferencesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void passwordAgeFollowsEachSeed() throws Exception {
        assertEquals(new PasswordAge.Every(Period.ofYears(1)), SettingFile.FLAGG.load().passwords().maxAge());
        assertInstanceOf(PasswordAge.EveryTerm.class, SettingFile.TEYNHAM.load().passwords().maxAge());
        assertEquals(new PasswordAge.Every(Period.ofMonths(1)), SettingFile.DITTON.load().passwords().maxAge());
        Policy dimples = SettingFile.DIMPLES.load();
        assertInstanceOf(PasswordAge.NoLimit.class, dimples.passwords().maxAge());
        assertTrue(dimples.passwords().required(), "000 §7.5: staff devices are password protected");
        assertNull(SettingFile.ACORNS.load().passwords(), "004 has no password clause at all");
    }

    @Test
    void teynhamHasTwoSchoolYearsOfTermsCoveringToday() throws Exception {
        Policy teynham = SettingFile.TEYNHAM.load();
        List<Term> terms = teynham.termDates();
        assertEquals(6, terms.size(), "three terms in each of 2025-26 and 2026-27");
        assertEquals(LocalDate.of(2025, 9, 3), terms.get(0).start());
        assertTrue(terms.get(terms.size() - 1).end().getYear() == 2027);
        assertEquals("Autumn 2026", teynham.currentTerm(TODAY).orElseThrow().name());
        // Christmas holidays still count as the autumn term: no forced change while the setting is closed.
        assertEquals("Autumn 2026", teynham.currentTerm(LocalDate.of(2026, 12, 30)).orElseThrow().name());
        for (Term term : terms) {
            assertFalse(term.start().getDayOfWeek().getValue() > 5, term.name() + " starts at a weekend");
            assertFalse(term.end().getDayOfWeek().getValue() > 5, term.name() + " ends at a weekend");
        }
        for (SettingFile other : List.of(SettingFile.DIMPLES, SettingFile.FLAGG, SettingFile.DITTON, SettingFile.ACORNS)) {
            assertEquals(List.of(), other.load().termDates(), other.id + " has no term-based rule");
        }
    }

    @Test
    void encryptionAlwaysForAcornsOffPremisesForKentAndDerbyshireSchools() throws Exception {
        assertEquals(EncryptionRule.Required.ALWAYS, SettingFile.ACORNS.load().encryption().required());
        for (SettingFile file : List.of(SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            Policy policy = file.load();
            assertEquals(EncryptionRule.Required.OFF_PREMISES, policy.encryption().required(), file.id);
            assertFalse(policy.premises().networks().isEmpty(), file.id + " needs premises networks");
            // The placeholders are private ranges, so a public address (a home broadband line) is off premises.
            assertFalse(policy.premises().containsAny(List.of(InetAddress.getByName("81.2.69.160"))), file.id);
        }
        assertNull(SettingFile.DIMPLES.load().encryption(), "000 has no encryption clause");
    }

    @Test
    void screenLockOnlyWhereTheSeedAsksForIt() throws Exception {
        for (SettingFile file : List.of(SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            Policy policy = file.load();
            assertNotNull(policy.screenLock(), file.id);
            assertTrue(policy.screenLock().passwordOnWake(), file.id);
            assertTrue(policy.screenLock().maxIdle().compareTo(Duration.ofMinutes(15)) <= 0, file.id + " idle too long");
        }
        assertNull(SettingFile.DIMPLES.load().screenLock());
        assertNull(SettingFile.ACORNS.load().screenLock());
    }

    @Test
    void antivirusUpdatedRegularlyIsStricterThanInstalled() throws Exception {
        Duration installed = SettingFile.ACORNS.load().antivirus().maxSignatureAge();
        for (SettingFile file : List.of(SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            assertTrue(file.load().antivirus().maxSignatureAge().compareTo(installed) < 0, file.id);
        }
        assertNull(SettingFile.DIMPLES.load().antivirus(), "000 has no antivirus clause");
    }

    @Test
    void firewallForEverySeedWhoseIiocSectionNamesFirewalls() throws Exception {
        for (SettingFile file : List.of(SettingFile.DIMPLES, SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            assertNotNull(file.load().firewall(), file.id);
        }
        assertNull(SettingFile.ACORNS.load().firewall(), "004 has no IIOC section and no firewall clause");
    }

    @Test
    void learnerAccountsAreRecognisedAndAcornsChildProfileIsALearner() throws Exception {
        Policy acorns = SettingFile.ACORNS.load();
        assertNotNull(acorns.learners(), "004: children must not install, so the child profile must be known");
        assertTrue(acorns.learners().isLearner("children", List.of("Users")));
        assertFalse(acorns.learners().isLearner("manager", List.of("Administrators")));
        assertTrue(SettingFile.TEYNHAM.load().learners().isLearner("learner-amelia", List.of()));
        assertTrue(SettingFile.TEYNHAM.load().learners().isLearner("amelia", List.of("learners")));
        assertTrue(SettingFile.DITTON.load().learners().isLearner("pupil-jo-smith", List.of()));
        assertTrue(SettingFile.DITTON.load().learners().isLearner("jsmith", List.of("Pupils")));
        assertFalse(SettingFile.DITTON.load().learners().isLearner("rcampbell", List.of("Staff")));
    }

    @Test
    void sharedStaffLoginsAreFlaggedOnlyWhereUniqueLoginsAreRequired() throws Exception {
        assertEquals(List.of(), SettingFile.DIMPLES.load().passwords().sharedAccountNames(), "000 has no A4 clause");
        for (SettingFile file : List.of(SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            Policy policy = file.load();
            assertTrue(policy.passwords().sharedAccountNames().contains("staff"), file.id);
            assertFalse(policy.passwords().guestAllowed(), file.id);
            assertFalse(policy.passwords().autoLogonAllowed(), file.id);
            for (String shared : policy.passwords().sharedAccountNames()) {
                assertFalse(policy.learners().isLearner(shared, List.of()), file.id + ": " + shared + " is also a learner name");
            }
        }
    }

    @Test
    void removableMediaDiffers() throws Exception {
        assertTrue(SettingFile.FLAGG.load().removableMedia().scanBeforeUse());
        assertTrue(SettingFile.TEYNHAM.load().removableMedia().scanBeforeUse());
        assertFalse(SettingFile.DITTON.load().removableMedia().scanBeforeUse(), "003 dropped the AV scan");
        assertTrue(SettingFile.DITTON.load().removableMedia().permissionRequired());
        assertTrue(SettingFile.ACORNS.load().removableMedia().childDataTransportForbidden());
        assertFalse(SettingFile.ACORNS.load().removableMedia().permissionRequired());
    }

    @Test
    void filteringAndSocialMediaDiffer() throws Exception {
        assertEquals("ekte", SettingFile.FLAGG.load().filtering().provider());
        assertEquals("BT", SettingFile.TEYNHAM.load().filtering().provider());
        assertEquals(List.of(), SettingFile.TEYNHAM.load().filtering().blockedCategories(), "002 lists no categories");
        assertEquals(List.of("Google Safe Search", "CBBC safe search"), SettingFile.DITTON.load().filtering().searchTools());
        assertFalse(SettingFile.ACORNS.load().filtering().iwfList(), "004 never mentions the IWF");

        assertEquals(SocialMediaRule.Use.CONTROLLED, SettingFile.FLAGG.load().socialMedia().use());
        assertEquals(SocialMediaRule.Use.DENIED, SettingFile.TEYNHAM.load().socialMedia().use());
        assertEquals(SocialMediaRule.Use.PERMITTED_TIMES, SettingFile.DITTON.load().socialMedia().use());
        assertTrue(SettingFile.DITTON.load().socialMedia().permittedTimes().contains("lunchtime"));
        assertEquals(SocialMediaRule.Use.DENIED, SettingFile.ACORNS.load().socialMedia().use());
        assertNull(SettingFile.DIMPLES.load().socialMedia());
    }

    @Test
    void monitoringCollectsOnlyWhatEachSeedNamesAndIsAnnounced() throws Exception {
        assertEquals(Set.of(Method.BROWSER_HISTORY, Method.IMAGES), Set.copyOf(SettingFile.DIMPLES.load().monitoring().methods()));
        assertEquals(Set.of(Method.LOGFILE_REVIEW, Method.PROACTIVE), Set.copyOf(SettingFile.FLAGG.load().monitoring().methods()));
        assertEquals(Set.of(Method.MANAGER_CHECKS), Set.copyOf(SettingFile.TEYNHAM.load().monitoring().methods()));
        assertEquals(Set.of(Method.SUPERVISION, Method.LOGFILE_REVIEW, Method.LOGIN_RECORDS),
                Set.copyOf(SettingFile.DITTON.load().monitoring().methods()));
        assertEquals(Set.of(Method.SUPERVISION), Set.copyOf(SettingFile.ACORNS.load().monitoring().methods()),
                "004 names no technical monitoring; the agent must collect no history there");
        for (SettingFile file : List.of(SettingFile.DIMPLES, SettingFile.FLAGG, SettingFile.TEYNHAM, SettingFile.DITTON)) {
            String text = file.load().logonNotice().text();
            assertTrue(text.contains("monitored"), file.id);
            assertTrue(text.contains("data protection, human rights and privacy legislation"), file.id);
        }
        assertNull(SettingFile.ACORNS.load().logonNotice(), "004 has no notice clause");
    }

    @Test
    void rolesNameThePeopleTheSeedsName() throws Exception {
        assertEquals(List.of("Alexandra Stewart"), SettingFile.DIMPLES.load().roles().dsl());
        Policy flagg = SettingFile.FLAGG.load();
        assertEquals(List.of("Sarah Brown", "Helen Woodruff"), flagg.roles().dsl());
        assertEquals(List.of("Sarah Brown"), flagg.roles().headteacher(), "DSL is also head: routing must know");
        assertEquals(List.of("Kelly Southern", "Rachel Ivory"), SettingFile.TEYNHAM.load().roles().dsl());
        assertEquals(List.of("Ruth Campbell", "Debbie Johnson", "Kelli Moon"), SettingFile.DITTON.load().roles().dsl());
        assertEquals(List.of(), SettingFile.ACORNS.load().roles().designatedPerson(), "left blank in the seed");
    }
}
