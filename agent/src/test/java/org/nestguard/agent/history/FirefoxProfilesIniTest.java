package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class FirefoxProfilesIniTest {

    @Test
    void windowsFileWithCrlfListsBothProfilesAndSkipsInstallAndGeneral() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(HistoryFixtures.text("windows", "firefox-profiles.ini"));

        assertEquals(List.of(
                new FirefoxProfileEntry("default", "Profiles/a1b2c3d4.default", true, true),
                new FirefoxProfileEntry("default-release", "Profiles/k3j2l1m0.default-release", true, true)),
                ini.profiles());
        assertEquals(List.of(), ini.problems());
    }

    @Test
    void macFileHasAnAbsoluteProfileAndIgnoresBackgroundTasks() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse(HistoryFixtures.text("macos", "firefox-profiles.ini"));

        assertEquals(3, ini.profiles().size());
        FirefoxProfileEntry homework = ini.profiles().get(2);
        assertEquals(new FirefoxProfileEntry("Homework", "/Users/amira/FirefoxProfiles/homework", false, false),
                homework);
        assertEquals(Path.of("/Users/amira/FirefoxProfiles/homework"), homework.locate(Path.of("/ignored")));
        // the install default marks default-release even though its own section has no Default=1
        assertTrue(ini.profiles().get(1).isDefault());
    }

    @Test
    void relativePathsResolveUnderTheIniFolderWhicheverSlashWasWritten() {
        Path base = Path.of("/home/amira/.mozilla/firefox");
        assertEquals(base.resolve("Profiles").resolve("x.default"),
                new FirefoxProfileEntry("a", "Profiles/x.default", true, false).locate(base));
        assertEquals(base.resolve("Profiles").resolve("x.default"),
                new FirefoxProfileEntry("a", "Profiles\\x.default", true, false).locate(base));
        assertEquals(base.resolve("abc.default"),
                new FirefoxProfileEntry("a", "abc.default", true, false).locate(base));
    }

    @Test
    void windowsAbsolutePathIsKeptAsWritten() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("""
                [Profile0]
                Name=Exams
                IsRelative=0
                Path=C:\\Users\\amira\\Documents\\ff-exams
                """);
        assertEquals(List.of(new FirefoxProfileEntry("Exams", "C:\\Users\\amira\\Documents\\ff-exams", false, false)),
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
        assertEquals(List.of("default", "hidden"), ini.profiles().stream().map(FirefoxProfileEntry::name).toList());
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
        assertEquals(List.of(new FirefoxProfileEntry("zz9.unnamed", "Profiles/zz9.unnamed", true, false)),
                ini.profiles());
        assertEquals(3, ini.problems().size(), ini.problems().toString());
        assertTrue(ini.problems().stream().anyMatch(p -> p.contains("[Profile0] has no Path=")), ini.problems().toString());
        assertTrue(ini.problems().stream().anyMatch(p -> p.contains("this line is junk")), ini.problems().toString());
    }

    @Test
    void missingIsRelativeIsGuessedFromThePathAndByteOrderMarkIsIgnored() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("\uFEFF[Profile0]\nName=a\nPath=Profiles/a\n"
                + "[Profile1]\nName=b\nPath=/srv/ff/b\n");
        assertEquals(List.of(new FirefoxProfileEntry("a", "Profiles/a", true, false),
                new FirefoxProfileEntry("b", "/srv/ff/b", false, false)), ini.profiles());
    }

    @Test
    void emptyFileHasNoProfiles() {
        FirefoxProfilesIni ini = FirefoxProfilesIni.parse("");
        assertEquals(List.of(), ini.profiles());
        assertEquals(List.of(), ini.problems());
    }
}
