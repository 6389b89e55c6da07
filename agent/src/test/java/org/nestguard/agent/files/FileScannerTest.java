package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.policy.PlaceRule;
import org.nestguard.protocol.policy.SoftwareRule;

class FileScannerTest {
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String EICAR_SHA1 = "3395856ce81f2b7382dee72602f798b642f14140";
    static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";

    @TempDir
    Path temp;
    Path alice;
    Path bob;
    final List<FileFlagged> flags = new ArrayList<>();
    final AtomicInteger hashCalls = new AtomicInteger();
    final StreamingHasher real = new StreamingHasher();
    final FileHasher counting = (file, digests) -> {
        hashCalls.incrementAndGet();
        return real.hash(file, digests);
    };
    final List<FileFacts> isolated = new ArrayList<>();

    @BeforeEach
    void homes() throws IOException {
        alice = Files.createDirectories(temp.resolve("home/alice"));
        bob = Files.createDirectories(temp.resolve("home/bob"));
        Files.createDirectories(alice.resolve("Downloads"));
        Files.createDirectories(alice.resolve("Pictures/Camera"));
        Files.createDirectories(bob.resolve("Downloads"));
    }

    static HashList list(String name, String description, List<String> hexes) {
        List<byte[]> sha256 = new ArrayList<>();
        List<byte[]> sha1 = new ArrayList<>();
        List<byte[]> md5 = new ArrayList<>();
        for (String hex : hexes) {
            byte[] d = HexFormat.of().parseHex(hex);
            (d.length == 32 ? sha256 : d.length == 20 ? sha1 : md5).add(d);
        }
        return new HashList(name, description, "test", Instant.EPOCH, DigestTable.of(32, sha256),
                DigestTable.of(20, sha1), DigestTable.of(16, md5));
    }

    private FileScanner scanner(FileIndex index, FileRules rules, Isolation isolation) {
        FileScanner scanner = new FileScanner(index, counting, isolation, flags::add, Clock.systemUTC());
        WatchedFolders folders = WatchedFolders.resolve(List.of(new AccountHome("alice", alice),
                new AccountHome("bob", bob)), List.of("Downloads", "Pictures", "Documents"));
        scanner.use(new FileScanner.Plan(folders, rules, account -> AccountKind.STAFF, List.of()));
        return scanner;
    }

    private static FileRules hashRules(boolean isolate, String... hexes) {
        return new FileRules(new LoadedHashLists(List.of(list("police", "CAID category A", List.of(hexes))),
                List.of()), List.of(), null, isolate);
    }

    private final Isolation vault = (facts, matches, commandId) -> {
        isolated.add(facts);
        return new QuarantineItem("item-1", facts, matches, Instant.now(), "wrapped", "fp", 68);
    };

    @Test
    void rescanHashesOnlyNewOrChangedFilesAndForgetsDeletedOnes() throws IOException {
        Path a = Files.writeString(alice.resolve("Downloads/a.txt"), "one");
        Path b = Files.writeString(alice.resolve("Pictures/Camera/b.jpg"), "two");
        Files.writeString(bob.resolve("Downloads/c.pdf"), "three");
        Path indexFile = temp.resolve("state/file-index.bin");
        FileScanner first = scanner(FileIndex.open(indexFile), hashRules(false, EICAR_MD5), vault);
        ScanSummary summary = first.rescan();
        assertEquals(3, summary.files());
        assertEquals(3, summary.hashed());
        assertEquals(3, hashCalls.get());

        // a new agent process reads the saved index: nothing is hashed again
        FileScanner second = scanner(FileIndex.open(indexFile), hashRules(false, EICAR_MD5), vault);
        assertEquals(0, second.rescan().hashed());
        assertEquals(3, hashCalls.get());

        Files.writeString(a, "one changed");
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.delete(b);
        ScanSummary third = second.rescan();
        assertEquals(1, third.hashed());
        assertEquals(1, third.removed());
        assertEquals(2, FileIndex.open(indexFile).size());
    }

    @Test
    void loadingAListWithMd5HashesRehashesFilesKnownOnlyBySha256() throws IOException {
        Files.writeString(alice.resolve("Downloads/eicar.com"), EICAR);
        FileIndex index = FileIndex.inMemory();
        scanner(index, hashRules(false, sha256Of("something else")), vault).rescan();
        assertNull(index.entries().get(0).digests().md5(), "no list had MD5 hashes, so none was computed");
        FileScanner withMd5 = scanner(index, hashRules(false, EICAR_MD5), vault);
        ScanSummary summary = withMd5.rescan();
        assertEquals(1, summary.hashed());
        assertEquals(1, flags.size());
        assertEquals("md5:" + EICAR_MD5, flags.get(0).matches().get(0).matched());
    }

    @Test
    void hashMatchOnAnyDigestIsIsolatedAndFlaggedOncePerContent() throws IOException {
        Path eicar = Files.writeString(bob.resolve("Downloads/eicar.com"), EICAR);
        FileScanner scanner = scanner(FileIndex.inMemory(), hashRules(true, EICAR_SHA1), vault);
        assertEquals(1, scanner.rescan().flagged());
        FileFlagged flag = flags.get(0);
        assertEquals("item-1", flag.itemId());
        assertEquals("bob", flag.facts().account());
        assertEquals(eicar.toRealPath().toString(), flag.facts().path());
        assertEquals(HashListParserTest.SHA256, flag.facts().sha256());
        assertEquals(EICAR_MD5, flag.facts().md5());
        assertEquals(new FileRuleMatch(FileRuleMatch.Source.HASH_LIST, "police", "sha1:" + EICAR_SHA1,
                "CAID category A"), flag.matches().get(0));
        assertEquals(1, isolated.size());

        assertEquals(0, scanner.rescan().flagged(), "the same content at the same path is not flagged twice");
        Files.writeString(eicar, EICAR + "\n");
        FileScanner byContent = scanner;
        byContent.use(new FileScanner.Plan(scanner.plan().folders(), hashRules(true, EICAR_SHA1,
                sha256Of(EICAR + "\n")), account -> AccountKind.STAFF, List.of()));
        assertEquals(1, byContent.rescan().flagged(), "changed content that matches is flagged again");
    }

    @Test
    void refusedIsolationIsFlaggedAnywaySayingWhy() throws IOException {
        Files.writeString(alice.resolve("Downloads/eicar.com"), EICAR);
        Isolation refusing = (facts, matches, commandId) -> {
            throw new IsolationRefusedException("this build has no quarantine vault");
        };
        scanner(FileIndex.inMemory(), hashRules(true, HashListParserTest.SHA256), refusing).rescan();
        assertEquals(1, flags.size());
        assertNull(flags.get(0).itemId());
        assertTrue(flags.get(0).matches().get(0).reason().endsWith("NOT isolated: this build has no quarantine vault"),
                flags.get(0).matches().get(0).reason());
    }

    @Test
    void notIsolatingWhenThePolicySaysFlagOnly() throws IOException {
        Files.writeString(alice.resolve("Downloads/eicar.com"), EICAR);
        scanner(FileIndex.inMemory(), hashRules(false, HashListParserTest.SHA256), vault).rescan();
        assertEquals(1, flags.size());
        assertTrue(isolated.isEmpty());
    }

    @Test
    void placeRuleFlagsUnapprovedExecutablesInItsFolderOnly() throws IOException {
        byte[] pe = "MZ\u0090\0 a windows program".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(alice.resolve("Downloads/ScratchSetup 3.29.1.exe"), pe);
        Files.write(alice.resolve("Downloads/minecraft-installer.exe"), pe);
        Files.write(alice.resolve("Downloads/holiday.jpg"), pe); // a program named as a photo is still a program
        Files.write(alice.resolve("Pictures/other.exe"), pe); // no rule for Pictures
        Files.writeString(alice.resolve("Downloads/letter.txt"), "Dear parents");
        PlaceRule rule = new PlaceRule("Downloads", List.of(FileKind.EXECUTABLE), true,
                "Programs must come from the approved list (7.5)");
        SoftwareRule software = new SoftwareRule(List.of("Scratch*", "LibreOffice"), true,
                List.of(new org.nestguard.protocol.policy.Clause("7.5", "approved software")));
        FileRules rules = new FileRules(LoadedHashLists.none(), List.of(rule), software, true);
        scanner(FileIndex.inMemory(), rules, vault).rescan();
        List<String> names = flags.stream().map(f -> Path.of(f.facts().path()).getFileName().toString()).sorted()
                .toList();
        assertEquals(List.of("holiday.jpg", "minecraft-installer.exe"), names);
        FileRuleMatch match = flags.get(0).matches().get(0);
        assertEquals(FileRuleMatch.Source.PLACE, match.source());
        assertEquals("executable in Downloads", match.matched());
        assertEquals("Programs must come from the approved list (7.5)", match.reason());
        assertTrue(isolated.isEmpty(), "only hash-list matches are isolated at once");
    }

    @Test
    void linksAreNotFollowedOutOfAWatchedFolder() throws IOException {
        Path secret = Files.writeString(temp.resolve("etc-shadow"), EICAR);
        Files.createSymbolicLink(alice.resolve("Downloads/shadow"), secret);
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(outside.resolve("eicar.com"), EICAR);
        Files.createSymbolicLink(alice.resolve("Documents"), outside);
        FileScanner scanner = scanner(FileIndex.inMemory(), hashRules(false, HashListParserTest.SHA256), vault);
        ScanSummary summary = scanner.rescan();
        assertEquals(0, summary.flagged());
        assertEquals(1, summary.links());
        assertTrue(summary.problems().stream().anyMatch(p -> p.contains("Documents of alice is a link to")
                && p.contains("outside the account's home")), summary.problems().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scanner.describe(alice.resolve("Downloads/shadow")));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scanner.describe(alice.resolve("Documents/eicar.com")));
        assertTrue(e.getMessage().contains("not in a watched folder"), e.getMessage());
    }

    @Test
    void describeRefusesBadPathsClearly() throws IOException {
        FileScanner scanner = scanner(FileIndex.inMemory(), hashRules(false, EICAR_MD5), vault);
        Files.writeString(temp.resolve("outside.txt"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scanner.describe(Path.of("Downloads/a")))
                .getMessage().contains("relative"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> scanner.describe(alice.resolve("Downloads/../../../outside.txt"))).getMessage().contains(".."));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> scanner.describe(alice.resolve("Downloads/none.txt"))).getMessage().contains("does not exist"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> scanner.describe(alice.resolve("Downloads"))).getMessage().contains("not a regular file"));
        Path file = Files.writeString(alice.resolve("Downloads/eicar.com"), EICAR);
        FileFacts facts = scanner.describe(file);
        assertEquals(HashListParserTest.SHA256, facts.sha256());
        assertEquals(EICAR_SHA1, facts.sha1());
        assertEquals(1, scanner.withSha256(HashListParserTest.SHA256.toUpperCase()).size());
    }

    @Test
    void aFlagThatCannotBeRecordedIsFoundAgainByTheNextScan() throws IOException {
        Files.writeString(alice.resolve("Downloads/eicar.com"), EICAR);
        FileIndex index = FileIndex.inMemory();
        FileScanner broken = new FileScanner(index, counting, vault, flag -> {
            throw new IOException("disk full");
        }, Clock.systemUTC());
        broken.use(scanner(index, hashRules(false, HashListParserTest.SHA256), vault).plan());
        assertThrows(FlagNotRecordedException.class, broken::rescan);
        assertEquals(1, scanner(index, hashRules(false, HashListParserTest.SHA256), vault).rescan().flagged());
    }

    static String sha256Of(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
