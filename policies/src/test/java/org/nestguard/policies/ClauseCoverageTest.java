package org.nestguard.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nestguard.protocol.policy.Clause;
import org.nestguard.protocol.policy.Policy;

/**
 * Every device-checkable clause of each seed (research matrix rows A1-A8, B1, C1-C4, D1-D9, D12/D13, E10-E19,
 * F1-F12) is carried by its setting's file, under the right control and section; and every quote in every
 * file occurs word for word in its seed.
 */
class ClauseCoverageTest {

    /** One clause a file must cite: the control (a {@link Policy} component), the section and key words. */
    record Cite(String control, String section, String quote) {
    }

    private static final Map<SettingFile, List<Cite>> REQUIRED = Map.of(
            SettingFile.DIMPLES, List.of(
                    new Cite("passwords", "7.5", "Setting devices used for staff are password protected."),
                    new Cite("passwords", "9.4", "suitably protected via a passcode/password/pin"),
                    new Cite("learners", "7.1", "Access to the internet will be by adult demonstration"),
                    new Cite("firewall", "11.4", "filtering, firewalls and anti-spam software"),
                    new Cite("updates", "7.1", "appropriate safety and security measures in place"),
                    new Cite("filtering", "11.4", "subscribes to the Internet Watch Foundation block list"),
                    new Cite("monitoring", "7.3.2", "Checking browser history and images on setting devices."),
                    new Cite("monitoring", "3", "We will regularly monitor internet use"),
                    new Cite("logonNotice", "7.3.2", "All users will be informed that use of our systems can be monitored")),
            SettingFile.FLAGG, List.of(
                    new Cite("passwords", "7.5.1", "their own unique username and private passwords"),
                    new Cite("passwords", "7.5.1", "Use strong passwords for access into our system"),
                    new Cite("passwords", "7.5.1", "Change their passwords every year."),
                    new Cite("passwords", "9.4", "suitably protected via a passcode/password/pin"),
                    new Cite("screenLock", "7.5", "log off or lock their screens/devices if systems are unattended"),
                    new Cite("encryption", "7.5", "Encryption for personal data sent over the Internet or taken off site"),
                    new Cite("encryption", "7.11", "Devices will be appropriately encrypted if taken off site"),
                    new Cite("learners", "7.1", "Access to the internet will be by adult demonstration"),
                    new Cite("antivirus", "7.5", "Virus protection being updated regularly."),
                    new Cite("firewall", "11.4", "filtering, firewalls and anti-spam software"),
                    new Cite("updates", "7.1", "appropriate safety and security measures in place"),
                    new Cite("updates", "4.4", "Implement appropriate security measures"),
                    new Cite("software", "7.5", "Not downloading unapproved software to work devices"),
                    new Cite("removableMedia", "7.5", "Not using portable media without specific permission"),
                    new Cite("removableMedia", "7.5", "checked by an anti-virus /malware scan before use"),
                    new Cite("fileChecks", "7.5", "Regularly checking files held on our network"),
                    new Cite("filtering", "7.3.2", "We use ekte which blocks sites"),
                    new Cite("filtering", "7.3.2", "blocks all sites on the Internet Watch Foundation (IWF) list"),
                    new Cite("filtering", "7.1", "SWGfL Squiggle, Dorling Kindersley find out, Google Safe Search or CBBC safe search."),
                    new Cite("socialMedia", "8.1", "We will control learner and staff access to social media"),
                    new Cite("monitoring", "7.3.4", "(reviewing logfile information) and/or active/pro-active technology monitoring services"),
                    new Cite("monitoring", "2", "We will regularly monitor internet use"),
                    new Cite("logonNotice", "7.3.4", "All users will be informed that use of our systems can be monitored"),
                    new Cite("logonNotice", "5.1", "Informing learners that network and internet use will be monitored"),
                    new Cite("logonNotice", "5.2", "activity can be traced to individual users")),
            SettingFile.TEYNHAM, List.of(
                    new Cite("passwords", "7.5.1", "their own unique username and private passwords"),
                    new Cite("passwords", "7.5", "Specific user logins and passwords will be enforced for all"),
                    new Cite("passwords", "7.5.1", "Use strong passwords for access into our system"),
                    new Cite("passwords", "7.5.1", "Change their passwords every term"),
                    new Cite("screenLock", "7.5", "log off or lock their screens/devices if systems are unattended"),
                    new Cite("encryption", "7.5", "Encryption for personal data sent over the Internet or taken off site"),
                    new Cite("learners", "7.5.1", "From year 2018/2019, all learners are provided with their own unique username"),
                    new Cite("antivirus", "7.5", "Virus protection being updated regularly."),
                    new Cite("firewall", "11.4", "filtering, firewalls and anti-spam software"),
                    new Cite("updates", "7.1", "appropriate safety and security measures in place"),
                    new Cite("updates", "4.4", "Implement appropriate security measures"),
                    new Cite("software", "7.5", "Not downloading unapproved software to work devices"),
                    new Cite("removableMedia", "7.5", "Not using portable media without specific permission"),
                    new Cite("removableMedia", "7.5", "checked by an anti-virus /malware scan before use"),
                    new Cite("fileChecks", "7.5", "Regularly checking files held on our network"),
                    new Cite("filtering", "7.3.2", "Education broadband connectivity is provided through BT"),
                    new Cite("filtering", "7.3.2", "blocks all sites on the Internet Watch Foundation (IWF) list"),
                    new Cite("filtering", "7.1", "age appropriate search tools"),
                    new Cite("socialMedia", "8.1", "Staff are not to use social media sites on work tablets or ICT equipment."),
                    new Cite("monitoring", "7.3.4", "the manager checking devises"),
                    new Cite("monitoring", "3", "We will regularly monitor internet use"),
                    new Cite("logonNotice", "7.3.4", "All users will be informed that use of our systems can be monitored"),
                    new Cite("logonNotice", "5.1", "Informing learners that network and internet use will be monitored"),
                    new Cite("logonNotice", "5.3", "activity can be traced to individual users")),
            SettingFile.DITTON, List.of(
                    new Cite("passwords", "7.5.1", "their own unique username and private passwords"),
                    new Cite("passwords", "7.5", "Specific user logins and passwords will be enforced for all"),
                    new Cite("passwords", "7.5.1", "Use strong passwords for access into our system"),
                    new Cite("passwords", "7.5.1", "Change their passwords every month."),
                    new Cite("passwords", "9.5", "suitably protected via a passcode/password/pin"),
                    new Cite("screenLock", "7.5", "log off or lock their screens/devices if systems are unattended"),
                    new Cite("encryption", "7.5", "Encryption for personal data sent over the Internet or taken off site"),
                    new Cite("learners", "7.5.1", "From year 2017 all learners are provided with their own unique username"),
                    new Cite("antivirus", "7.5", "Virus protection being updated regularly."),
                    new Cite("firewall", "11.4", "filtering, firewalls and anti-spam software"),
                    new Cite("updates", "7.1", "appropriate safety and security measures in place"),
                    new Cite("updates", "4.4", "Implement appropriate security measures"),
                    new Cite("software", "7.5", "Not downloading unapproved software to work devices"),
                    new Cite("removableMedia", "7.5", "Not using portable media without specific permission"),
                    new Cite("fileChecks", "7.5", "Regularly checking files held on our network"),
                    new Cite("filtering", "7.3.2", "We use Light Speed Filtering System which blocks sites"),
                    new Cite("filtering", "7.3.2", "blocks all sites on the Internet Watch Foundation (IWF) list"),
                    new Cite("filtering", "7.1", "Google Safe Search and CBBC safe search."),
                    new Cite("socialMedia", "8.1", "We will control learner and staff access to social media"),
                    new Cite("socialMedia", "8.1", "Permitted during break, lunchtime and before/after school."),
                    new Cite("monitoring", "7.3.4", "physical monitoring (supervision), monitoring internet and web access (reviewing logfile information)"),
                    new Cite("monitoring", "7.1", "recorded through logins and log books"),
                    new Cite("monitoring", "3", "We will regularly monitor internet use"),
                    new Cite("logonNotice", "7.3.4", "All users will be informed that use of our systems can be monitored"),
                    new Cite("logonNotice", "5.1", "Informing learners that network and internet use will be monitored"),
                    new Cite("logonNotice", "5.3", "activity can be traced to individual users")),
            SettingFile.ACORNS, List.of(
                    new Cite("encryption", "Data Storage and Management", "Setting issued devices should not leave the premises unless encrypted."),
                    new Cite("encryption", "Hardware and provision use", "should not leave the premises unless encrypted"),
                    new Cite("learners", "Hardware and provision use", "Children should not be able to search or install anything on a setting device."),
                    new Cite("antivirus", "Information Communication Technology (ICT) equipment", "All computers have virus protection installed."),
                    new Cite("updates", "Information Communication Technology (ICT) equipment", "safe and fit for purpose"),
                    new Cite("software", "Hardware and provision use", "installing/downloading of new programs and applications is restricted to authorised staff members only"),
                    new Cite("removableMedia", "Data Storage and Management", "No electronic documents that include children's names or digital images will be transported out of the setting"),
                    new Cite("filtering", "Information Communication Technology (ICT) equipment", "safety settings are set to ensure that inappropriate material cannot be accessed"),
                    new Cite("socialMedia", "Social Networking", "Employees must not access personal blogs/social networking sites on work premises"),
                    new Cite("monitoring", "Hardware and provision use", "children are supervised when using the internet")));

    @ParameterizedTest
    @EnumSource(SettingFile.class)
    void everyRequiredClauseIsCarriedUnderItsControl(SettingFile file) throws Exception {
        Policy policy = file.load();
        List<String> missing = new ArrayList<>();
        for (Cite cite : REQUIRED.get(file)) {
            Object rule = Policy.class.getMethod(cite.control()).invoke(policy);
            if (rule == null) {
                missing.add(cite.control() + " (whole rule) for §" + cite.section() + " \"" + cite.quote() + "\"");
                continue;
            }
            boolean found = clausesOf(rule).stream().anyMatch(clause -> clause.section().equals(cite.section())
                    && SeedText.normalise(clause.quote()).contains(SeedText.normalise(cite.quote())));
            if (!found) {
                missing.add(cite.control() + " §" + cite.section() + " \"" + cite.quote() + "\"");
            }
        }
        assertEquals(List.of(), missing, file.id + " has dropped clauses");
    }

    @ParameterizedTest
    @EnumSource(SettingFile.class)
    void fileSetsExactlyTheControlsItsSeedHas(SettingFile file) throws Exception {
        Policy policy = file.load();
        Set<String> expected = REQUIRED.get(file).stream().map(Cite::control).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, rulesSet(policy), file.id + ": a control without a seed clause, or one the table misses");
    }

    @ParameterizedTest
    @EnumSource(SettingFile.class)
    void everyQuoteOccursVerbatimInItsSeedUnderAPrintedSection(SettingFile file) throws Exception {
        Optional<java.nio.file.Path> seedPath = file.seedPath();
        Assumptions.assumeTrue(seedPath.isPresent() && java.nio.file.Files.exists(seedPath.get()),
                "seeds folder is missing (expected ../shared/seeds/ beside the project root); quotes not checked");
        SeedText seed = SeedText.read(seedPath.get());
        Policy policy = file.load();
        List<String> wrong = new ArrayList<>();
        for (String control : rulesSet(policy)) {
            for (Clause clause : clausesOf(Policy.class.getMethod(control).invoke(policy))) {
                if (!seed.contains(clause.quote())) {
                    wrong.add(control + ": quote not in seed: \"" + clause.quote() + "\"");
                }
                if (!seed.printsSection(clause.section())) {
                    wrong.add(control + ": section not printed in seed: " + clause.section());
                }
                if (clause.quote().length() > 200) {
                    wrong.add(control + ": quote longer than 200 characters; keep it short");
                }
            }
        }
        assertEquals(List.of(), wrong, file.id + " vs " + file.seed);
    }

    @ParameterizedTest
    @EnumSource(SettingFile.class)
    void tableQuotesThemselvesComeFromTheSeed(SettingFile file) throws Exception {
        Optional<java.nio.file.Path> seedPath = file.seedPath();
        Assumptions.assumeTrue(seedPath.isPresent() && java.nio.file.Files.exists(seedPath.get()),
                "seeds folder is missing (expected ../shared/seeds/ beside the project root); quotes not checked");
        SeedText seed = SeedText.read(seedPath.get());
        for (Cite cite : REQUIRED.get(file)) {
            assertTrue(seed.contains(cite.quote()), file.id + ": table quote not in seed: " + cite.quote());
        }
    }

    /** The controls a policy sets: its non-null components that carry clauses. */
    static Set<String> rulesSet(Policy policy) throws Exception {
        Set<String> set = new TreeSet<>();
        for (RecordComponent component : Policy.class.getRecordComponents()) {
            Object value = component.getAccessor().invoke(policy);
            if (value != null && value.getClass().isRecord() && hasClauses(value.getClass())) {
                set.add(component.getName());
            }
        }
        return set;
    }

    private static boolean hasClauses(Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("clauses")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static List<Clause> clausesOf(Object rule) {
        try {
            Object clauses = rule.getClass().getMethod("clauses").invoke(rule);
            assertNotNull(clauses, rule.getClass().getSimpleName() + " has no clauses");
            return (List<Clause>) clauses;
        } catch (ReflectiveOperationException e) {
            fail(rule.getClass().getSimpleName() + " has no clauses() accessor: " + e);
            return List.of();
        }
    }
}
