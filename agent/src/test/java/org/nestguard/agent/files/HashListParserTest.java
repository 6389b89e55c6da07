package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashListParserTest {
    static final String SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    static final String SHA1 = "3395856ce81f2b7382dee72602f798b642f14140";
    static final String MD5 = "44d88612fea8a8f36de82e1278abb02f";

    private static HashListParser.Parsed parse(String text, String column) throws Exception {
        return HashListParser.parse(new BufferedReader(new StringReader(text)), "list.txt", column);
    }

    @Test
    void plainListSortsDigestsByLengthAndSkipsComments() throws Exception {
        HashListParser.Parsed parsed = parse("\uFEFF# police list 2026-11\n\n" + SHA256.toUpperCase() + "\n" + SHA1
                + "  eicar.com\n" + MD5 + "\n   \n", null);
        assertEquals(1, parsed.sha256().size());
        assertEquals(1, parsed.sha1().size());
        assertEquals(1, parsed.md5().size());
        assertEquals(SHA256, HexFormat.of().formatHex(parsed.sha256().get(0)));
        assertEquals("plain list, one hash a line", parsed.howRead());
    }

    @Test
    void malformedPlainLineIsNamedAndNothingIsImported() {
        HashListException e = assertThrows(HashListException.class,
                () -> parse(SHA256 + "\n" + MD5 + "\n" + SHA256.substring(1) + "\n", null));
        assertTrue(e.getMessage().contains("list.txt line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("not imported"), e.getMessage());
    }

    @Test
    void csvSaysWhichColumnItUsed() throws Exception {
        HashListParser.Parsed parsed = parse("Category,\"SHA256\",Size\n1," + SHA256 + ",68\n2,\"" + SHA256.replace('2',
                '3') + "\",10\n", null);
        assertEquals(2, parsed.sha256().size());
        assertEquals("CSV, column 'SHA256' (column 2)", parsed.howRead().replace("\"", ""));
    }

    @Test
    void csvWithSemicolonsAndAGenericHashColumn() throws Exception {
        HashListParser.Parsed parsed = parse("name;Hash\neicar;" + MD5 + "\nother;" + SHA1 + "\n", null);
        assertEquals(1, parsed.md5().size());
        assertEquals(1, parsed.sha1().size());
    }

    @Test
    void csvWithSeveralHashColumnsIsAmbiguousUnlessAColumnIsNamed() throws Exception {
        String csv = "MD5,SHA1,Name\n" + MD5 + "," + SHA1 + ",eicar\n";
        HashListException e = assertThrows(HashListException.class, () -> parse(csv, null));
        assertTrue(e.getMessage().contains("several hash columns [MD5, SHA1]"), e.getMessage());
        assertTrue(e.getMessage().contains("--column"), e.getMessage());
        assertEquals(List.of(), parse(csv, "SHA1").md5());
        assertEquals(1, parse(csv, "sha1").sha1().size());
    }

    @Test
    void csvWithoutHashColumnIsRefused() {
        HashListException e = assertThrows(HashListException.class, () -> parse("name,size\neicar,68\n", null));
        assertTrue(e.getMessage().contains("names no hash column"), e.getMessage());
    }

    @Test
    void csvEntryOfTheWrongLengthForItsColumnIsNamed() {
        HashListException e = assertThrows(HashListException.class,
                () -> parse("sha256,name\n" + SHA256 + ",a\n" + MD5 + ",b\n", null));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 hash of 64 hex characters"), e.getMessage());
    }

    @Test
    void csvRowMissingTheColumnIsNamed() {
        HashListException e = assertThrows(HashListException.class,
                () -> parse("name,sha1\na," + SHA1 + "\nb\n", null));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void emptyListIsRefused() {
        HashListException e = assertThrows(HashListException.class, () -> parse("# nothing\n", null));
        assertTrue(e.getMessage().contains("holds no hashes"), e.getMessage());
    }

    @Test
    void digestTableFindsOnlyWhatItHolds() {
        byte[] a = HexFormat.of().parseHex(MD5);
        byte[] b = HexFormat.of().parseHex(MD5.replace('4', '5'));
        byte[] c = HexFormat.of().parseHex(MD5.replace('a', 'b'));
        DigestTable table = DigestTable.of(16, List.of(c, a, a, b));
        assertEquals(3, table.size());
        assertTrue(table.contains(a) && table.contains(b) && table.contains(c));
        assertTrue(!table.contains(HexFormat.of().parseHex(MD5.replace('8', '9'))));
        assertThrows(IllegalArgumentException.class, () -> DigestTable.fromSorted(16, concat(b, a)));
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
