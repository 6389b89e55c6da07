package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** profiles.ini as Firefox writes it on Windows and macOS, and the damaged files a parser must survive. */
class FirefoxProfilesIniParsingTest {

    @Test
    void windowsFileWithCrlfListsBothProfilesAndSkipsInstallAndGeneral() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(HistoryFixtures.text("windows", "firefox-profiles.ini"));

        assertEquals(List.of(
                new FirefoxProfilesIni.Entry("default", "Profiles/a1b2c3d4.default", true),
                new FirefoxProfilesIni.Entry("default-release", "Profiles/k3j2l1m0.default-release", true)),
                ini.profiles());
        assertEquals(List.of(), ini.problems());
    }

    @Test
    void macFileHasAnAbsoluteProfileAndIgnoresBackgroundTasks() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(HistoryFixtures.text("macos", "firefox-profiles.ini"));

        assertEquals(3, ini.profiles().size());
        FirefoxProfilesIni.Entry homework = ini.profiles().get(2);
        assertEquals(new FirefoxProfilesIni.Entry("Homework", "/Users/amira/FirefoxProfiles/homework", false),
                homework);
        assertEquals(Path.of("/Users/amira/FirefoxProfiles/homework"), homework.locate(Path.of("/ignored")));
        assertEquals(List.of("default", "default-release", "Homework"),
                ini.profiles().stream().map(FirefoxProfilesIni.Entry::name).toList());
    }

    @Test
    void relativePathsResolveUnderTheIniFolderWhicheverSlashWasWritten() {
        Path base = Path.of("/home/amira/.mozilla/firefox");
        assertEquals(base.resolve("Profiles").resolve("x.default"),
                new FirefoxProfilesIni.Entry("a", "Profiles/x.default", true).locate(base));
        assertEquals(base.resolve("Profiles").resolve("x.default"),
                new FirefoxProfilesIni.Entry("a", "Profiles\\x.default", true).locate(base));
        assertEquals(base.resolve("abc.default"),
                new FirefoxProfilesIni.Entry("a", "abc.default", true).locate(base));
    }

    @Test
    void windowsAbsolutePathIsKeptAsWritten() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("""
                [Profile0]
                Name=Exams
                IsRelative=0
                Path=C:\\Users\\amira\\Documents\\ff-exams
                """);
        assertEquals(List.of(new FirefoxProfilesIni.Entry("Exams", "C:\\Users\\amira\\Documents\\ff-exams", false)),
                ini.profiles());
    }

    @Test
    void profileAfterAGapIsStillListed() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("""
                [Profile0]
                Name=default
                IsRelative=1
                Path=Profiles/a.default

                [Profile3]
                Name=hidden
                IsRelative=1
                Path=Profiles/b.hidden
                """);
        assertEquals(List.of("default", "hidden"), ini.profiles().stream().map(FirefoxProfilesIni.Entry::name).toList());
    }

    @Test
    void sectionWithoutPathIsReportedAndWithoutNameIsNamedAfterItsFolder() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("""
                [Profile0]
                Name=broken
                IsRelative=1

                [Profile1]
                IsRelative=1
                Path=Profiles/zz9.unnamed
                this line is junk
                """);
        assertEquals(List.of(new FirefoxProfilesIni.Entry("zz9.unnamed", "Profiles/zz9.unnamed", true)),
                ini.profiles());
        assertEquals(3, ini.problems().size(), ini.problems().toString());
        assertTrue(ini.problems().stream().anyMatch(p -> p.contains("[Profile0] has no Path=")), ini.problems().toString());
        assertTrue(ini.problems().stream().anyMatch(p -> p.contains("this line is junk")), ini.problems().toString());
    }

    @Test
    void missingIsRelativeIsGuessedFromThePathAndByteOrderMarkIsIgnored() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("\uFEFF[Profile0]\nName=a\nPath=Profiles/a\n"
                + "[Profile1]\nName=b\nPath=/srv/ff/b\n");
        assertEquals(List.of(new FirefoxProfilesIni.Entry("a", "Profiles/a", true),
                new FirefoxProfilesIni.Entry("b", "/srv/ff/b", false)), ini.profiles());
    }

    @Test
    void emptyFileHasNoProfiles() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("");
        assertEquals(List.of(), ini.profiles());
        assertEquals(List.of(), ini.problems());
    }
}
