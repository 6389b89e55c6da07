package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTermsTest {

    /** Results URLs as each engine produces them (copied from the address bar after a search), and the query. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            https://www.google.com/search?q=how+do+volcanoes+erupt&oq=how+do+volcanoes+erupt&gs_lcrp=EgZjaHJvbWUyBggAEEUYOdIBCDQxMTJqMGo3qAIAsAIA&sourceid=chrome&ie=UTF-8 | how do volcanoes erupt
            https://www.google.co.uk/search?q=year+7+maths+fractions&sca_esv=5a9c2e1f0b3d4c21&tbm=isch&source=lnms&sa=X | year 7 maths fractions
            https://www.google.com/search?client=firefox-b-d&q=caf%C3%A9+near+me | café near me
            https://www.google.com.au/search?q=%E6%97%A5%E6%9C%AC%E8%AA%9E&hl=ja | 日本語
            https://www.google.de/search?q=wetter+m%C3%BCnchen&tbm=nws | wetter münchen
            https://www.google.com/search?q=%22self+harm%22+help&udm=2 | `"self harm" help`
            https://www.google.com/search?q=a%2Bb+%26+c | a+b & c
            https://www.google.com/webhp?hl=en#q=minecraft+seeds | minecraft seeds
            https://scholar.google.co.uk/scholar?hl=en&as_sdt=0%2C5&q=photosynthesis+rates&btnG= | photosynthesis rates
            https://www.bing.com/search?q=minecraft+skins&form=QBLH&sp=-1&ghc=1&lq=0&pq=minecraft+skins&sc=10-15&qs=n&sk=&cvid=8A3F0E2C1D5B4E6F9A7B3C2D1E0F9A8B | minecraft skins
            https://www.bing.com/images/search?q=tiger&form=HDRSC3&first=1 | tiger
            https://www.bing.com/videos/search?q=how+to+draw+a+cat&FORM=HDRSC4 | how to draw a cat
            https://duckduckgo.com/?q=pokemon+cards&t=h_&ia=web | pokemon cards
            https://duckduckgo.com/?t=ffab&q=%21w+photosynthesis&atb=v1-1 | !w photosynthesis
            https://html.duckduckgo.com/html/?q=knife+crime+statistics | knife crime statistics
            https://lite.duckduckgo.com/lite/?q=revision+timetable | revision timetable
            https://search.yahoo.com/search?p=fortnite+free+vbucks&fr=yfp-t&fr2=p%3Afp%2Cm%3Asb&ei=UTF-8&fp=1 | fortnite free vbucks
            https://uk.search.yahoo.com/search;_ylt=AwrFPNxd2nNlM1oAZpJLBQx.;_ylc=X1MDMjExNDcxNzAwMgRfcgMyBGZyA3lmcC10?p=bbc+bitesize&fr=yfp-t | bbc bitesize
            https://images.search.yahoo.com/search/images?p=rainforest&fr=sfp | rainforest
            https://www.ecosia.org/search?method=index&q=recycling+for+kids | recycling for kids
            https://www.ecosia.org/images?q=polar+bears | polar bears
            https://www.youtube.com/results?search_query=minecraft+parkour+tutorial | minecraft parkour tutorial
            https://m.youtube.com/results?search_query=%F0%9F%90%B1+videos&sp=EgIQAQ%253D%253D | 🐱 videos
            https://swiggle.org.uk/search?q=roman+britain | roman britain
            https://www.kiddle.co/s.php?q=volcanoes | volcanoes
            https://www.kiddle.co/i.php?q=tudor+houses | tudor houses
            https://en.wikipedia.org/w/index.php?search=photosynthesis+equation&title=Special%3ASearch&ns0=1 | photosynthesis equation
            https://en.wikipedia.org/wiki/Special:Search?search=world+war+2&go=Go | world war 2
            https://en.m.wikipedia.org/wiki/Special:Search/Battle_of_Hastings | Battle of Hastings
            https://search.brave.com/search?q=vpn+to+bypass+school+filter&source=web | vpn to bypass school filter
            https://www.qwant.com/?q=dinosaures&t=web | dinosaures
            https://www.startpage.com/sp/search?query=private+browsing&cat=web&pl=opensearch&language=english | private browsing
            HTTPS://WWW.GOOGLE.COM/search?q=Capital+Letters | Capital Letters
            https://www.google.com:443/search?q=with+a+port | with a port
            https://www.google.com./search?q=trailing+dot | trailing dot
            https://pupil@www.google.com/search?q=with+user+information | with user information
            https://WWW.Bing.COM/search?q=mixed+case+host | mixed case host
            https://www.google.com/search?q=&q=second+value | second value
            """)
    void extractsTheQuery(String url, String query) {
        assertEquals(query, SearchTerms.fromUrl(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&url=https%3A%2F%2Fwww.bbc.co.uk%2F",
            "https://www.google.com/url?q=https://example.com/&sa=U",
            "https://mail.google.com/mail/u/0/#search/q=homework",
            "https://www.google.evil.example/search?q=phishing",
            "https://google.com.evil.example/search?q=phishing",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&search_query=not+a+results+page",
            "https://duckduckgo.com/privacy",
            "https://kids.kiddle.co/Volcano",
            "https://en.wikipedia.org/wiki/Photosynthesis",
            "https://www.bbc.co.uk/search?q=bbc+is+not+a+listed+engine",
            "https://www.google.com/search",
            "https://www.google.com/search?q=+++",
            "https://www.google.com/search?q",
            "https://www.google.com/search?&&=&",
            "file:///C:/search?q=local",
            "javascript:alert(1)//?q=x",
            "not a url",
            "https://",
            "https://?q=x"})
    void notASearchOrNoQuery(String url) {
        assertNull(SearchTerms.fromUrl(url));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyHaveNoQuery(String url) {
        assertNull(SearchTerms.fromUrl(url));
    }

    @Test
    void servesTheCollectorAsItsQueryExtractor() {
        QueryExtractor extractor = new SearchTerms();
        assertEquals("volcanoes", extractor.queryOf("https://www.kiddle.co/s.php?q=volcanoes"));
        assertNull(extractor.queryOf("https://www.bbc.co.uk/bitesize"));
    }

    @Test
    void malformedEscapesAreKeptAndBadUtf8IsReplacedNeverThrown() {
        assertEquals("100%", SearchTerms.fromUrl("https://www.google.com/search?q=100%"));
        assertEquals("50% off", SearchTerms.fromUrl("https://www.google.com/search?q=50%25+off"));
        assertEquals("%zz top", SearchTerms.fromUrl("https://www.google.com/search?q=%zz+top"));
        assertEquals("%4", SearchTerms.fromUrl("https://www.bing.com/search?q=%4"));
        assertEquals("caf\uFFFD", SearchTerms.fromUrl("https://www.google.com/search?q=caf%C3"));
        assertEquals("\uFFFD latin-1", SearchTerms.fromUrl("https://duckduckgo.com/?q=%E9+latin-1"));
        // Arabic-Indic digits are digits to Character.digit, but not hex digits in a URL
        assertEquals("%\u0663\u0663", SearchTerms.fromUrl("https://www.google.com/search?q=%\u0663\u0663"));
        String truncated = SearchTerms.fromUrl("https://www.google.com/search?q=%E2%82");
        assertTrue(truncated.chars().allMatch(c -> c == 0xFFFD), truncated);
    }

    @Test
    void anyStringIsAnsweredWithoutAnException() {
        Random random = new Random(20250310);
        String alphabet = "https://www.google.com/search?q=&#%+;:@[]/\\.\u00e9\uD83D\uDC31 %E2%zz%%25";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder url = new StringBuilder(i % 3 == 0 ? "https://www.google.com/search?q=" : "");
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                url.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = url.toString();
            // the parser itself, not only fromUrl's last-resort catch, copes with every input
            assertDoesNotThrow(() -> SearchTerms.extract(input), input);
        }
    }
}
