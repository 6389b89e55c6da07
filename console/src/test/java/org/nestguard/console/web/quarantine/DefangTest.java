package org.nestguard.console.web.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Defanged URLs: readable, and with nothing left that a browser, mail client or spreadsheet would follow. */
class DefangTest {
    // what linkifiers look for: a scheme with ://, www., a dotted host name or address, an e-mail address
    private static final List<Pattern> CLICKABLE = List.of(Pattern.compile("(?i)\\b(https?|ftps?|file)://"),
            Pattern.compile("(?i)\\bwww\\."), Pattern.compile("[A-Za-z0-9-]\\.[A-Za-z]{2,}"),
            Pattern.compile("\\d\\.\\d"), Pattern.compile("[^\\[]@"));

    @Test
    void schemesBecomeUnfollowable() {
        assertEquals("hxxp://example[.]com/", Defang.url("http://example.com/"));
        assertEquals("hxxps://example[.]com/a", Defang.url("HTTPS://example.com/a"));
        assertEquals("fxp://files[.]example[.]org/x", Defang.url("ftp://files.example.org/x"));
        assertEquals("file[:]//server/share/x", Defang.url("file://server/share/x"));
        assertEquals("javascript[:]alert(1)", Defang.url("javascript:alert(1)"));
        assertEquals("mailto[:]bob[@]example[.]com", Defang.url("mailto:bob@example.com"));
    }

    @Test
    void everyDotOfTheHostIsBracketedForNamesAndIpv4() {
        assertEquals("hxxp://www[.]bad[.]example[.]co[.]uk/img/photo.jpg",
                Defang.url("http://www.bad.example.co.uk/img/photo.jpg"));
        assertEquals("hxxp://192[.]168[.]10[.]5/x", Defang.url("http://192.168.10.5/x"));
        assertEquals("example[.]com/path", Defang.url("example.com/path"));
    }

    @Test
    void ipv6LiteralsPortsAndUserInformation() {
        assertEquals("hxxp://[2001[:]db8[:][:]1]/x", Defang.url("http://[2001:db8::1]/x"));
        assertEquals("hxxp://[2001[:]db8[:][:]1][:]8443/x", Defang.url("http://[2001:db8::1]:8443/x"));
        assertEquals("hxxp://example[.]com[:]8080/x?y=1#z", Defang.url("http://example.com:8080/x?y=1#z"));
        assertEquals("hxxp://user[:]secret[@]example[.]com/", Defang.url("http://user:secret@example.com/"));
        assertEquals("hxxp://10[.]0[.]0[.]1[:]81", Defang.url("http://10.0.0.1:81"));
    }

    @Test
    void urlsNestedInTheQueryAreDefangedToo() {
        assertEquals("hxxp://a[.]example/r?u=hxxps://evil[.]example/p&w=www[.]evil[.]example",
                Defang.url("http://a.example/r?u=https://evil.example/p&w=www.evil.example"));
        assertEquals("hxxp://a[.]example/r?u=hxxps%3A%2F%2Fevil[.]example",
                Defang.url("http://a.example/r?u=https%3A%2F%2Fevil.example"));
    }

    @Test
    void nothingClickableSurvives() {
        for (String url : List.of("http://example.com/", "https://www.example.com/a.b/c?d=e.f", "ftp://1.2.3.4/",
                "http://[::1]:80/", "http://u:p@host.example:8080/x", "www.example.com", "mailto:a@b.example",
                "https://t.example/?next=http://x.example", "  http://padded.example  ")) {
            String defanged = Defang.url(url);
            for (Pattern clickable : CLICKABLE) {
                // the path may keep its own dots (photo.jpg); the host part must not
                String authority = defanged.replaceFirst("^[a-z]+(://|\\[:\\]//|\\[:\\])", "").split("[/?#]", 2)[0];
                assertFalse(clickable.matcher(authority).find(), url + " -> " + defanged + " matches " + clickable);
            }
            assertFalse(Pattern.compile("(?i)\\b(https?|ftps?)://").matcher(defanged).find(), url + " -> "
                    + defanged);
        }
    }
}
