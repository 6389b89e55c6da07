package org.nestguard.agent.platform.macos;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.nestguard.agent.platform.ProbeException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads Apple XML property lists into plain Java values: dict to {@code Map<String, Object>} (in file order), array to
 * {@code List<Object>}, string to String, integer to Long (BigInteger when it does not fit), real to Double, true/false
 * to Boolean, date to Instant, data to byte[]. Binary plists must be converted first ({@code plutil -convert xml1}).
 */
public final class Plist {
    private Plist() {
    }

    /**
     * Parses one XML plist.
     *
     * @param xml  the document text
     * @param what where it came from, for the error message
     * @throws ProbeException if it is not a well-formed XML plist; the message names the element that was wrong
     */
    public static Object parse(String xml, String what) throws ProbeException {
        if (xml == null || xml.isBlank()) {
            throw new ProbeException(what + " is empty, expected an XML property list");
        }
        String text = xml.strip();
        if (text.startsWith("bplist")) {
            throw new ProbeException(what + " is a binary property list; convert it with 'plutil -convert xml1' first");
        }
        Document document;
        try {
            document = newBuilder().parse(new InputSource(new StringReader(text)));
        } catch (SAXException | IOException e) {
            throw new ProbeException(what + " is not a well-formed XML property list: " + e.getMessage(), e);
        }
        Element top = document.getDocumentElement();
        if (!"plist".equals(top.getTagName())) {
            throw new ProbeException(what + ": expected <plist> as the top element, found <" + top.getTagName() + ">");
        }
        List<Element> children = elements(top);
        if (children.size() != 1) {
            throw new ProbeException(what + ": <plist> should hold exactly one value, found " + children.size());
        }
        return value(children.get(0), what, 0);
    }

    /** Parses a plist whose top value must be a dict. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseDict(String xml, String what) throws ProbeException {
        Object value = parse(xml, what);
        if (!(value instanceof Map)) {
            throw new ProbeException(what + ": expected a <dict> at the top, found " + typeName(value));
        }
        return (Map<String, Object>) value;
    }

    /** The string under key, or null when absent or not a string. */
    public static String string(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof String s ? s : null;
    }

    /** A Boolean under key; also accepts integer 0/1 and the strings "YES"/"NO", "true"/"false", "1"/"0". */
    public static Boolean flag(Map<String, Object> dict, String key) {
        Object value = dict.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "1", "yes", "true" -> Boolean.TRUE;
                case "0", "no", "false" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    /** A number under key (integer or real, or a string holding one), or null. */
    public static Double number(Map<String, Object> dict, String key) {
        Object value = dict.get(key);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The dict under key, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> dict(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The array under key, or an empty list when absent. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Nesting a plist may have: Apple's own go a few levels deep; past this a hand-made one would end the stack. */
    static final int MAX_DEPTH = 64;

    private static Object value(Element element, String what, int depth) throws ProbeException {
        if (depth > MAX_DEPTH) {
            throw new ProbeException(what + ": nested more than " + MAX_DEPTH + " levels deep, which no plist of"
                    + " macOS or an app is; it is not read");
        }
        String tag = element.getTagName();
        // a container's text is that of everything inside it: only a scalar's is read
        String text = tag.equals("dict") || tag.equals("array") ? "" : element.getTextContent();
        switch (tag) {
            case "dict":
                return dict(element, what, depth);
            case "array": {
                List<Object> list = new ArrayList<>();
                for (Element child : elements(element)) {
                    list.add(value(child, what, depth + 1));
                }
                return list;
            }
            case "string":
                return text;
            case "integer":
                return integer(text.strip(), what);
            case "real":
                try {
                    return Double.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    throw new ProbeException(what + ": <real> '" + text.strip() + "' is not a number", e);
                }
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "date":
                try {
                    return Instant.parse(text.strip());
                } catch (DateTimeParseException e) {
                    throw new ProbeException(what + ": <date> '" + text.strip() + "' is not an ISO 8601 instant", e);
                }
            case "data":
                try {
                    return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new ProbeException(what + ": <data> is not valid base64", e);
                }
            default:
                throw new ProbeException(what + ": unknown plist element <" + tag + ">");
        }
    }

    private static Map<String, Object> dict(Element element, String what, int depth) throws ProbeException {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Element> children = elements(element);
        for (int i = 0; i < children.size(); i += 2) {
            Element key = children.get(i);
            if (!"key".equals(key.getTagName())) {
                throw new ProbeException(what + ": expected <key> in <dict>, found <" + key.getTagName() + ">");
            }
            if (i + 1 >= children.size()) {
                throw new ProbeException(what + ": <key>" + key.getTextContent() + "</key> has no value");
            }
            map.put(key.getTextContent(), value(children.get(i + 1), what, depth + 1));
        }
        return map;
    }

    private static Object integer(String text, String what) throws ProbeException {
        try {
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        } catch (NumberFormatException e) {
            throw new ProbeException(what + ": <integer> '" + text + "' is not a whole number", e);
        }
    }

    private static List<Element> elements(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static String typeName(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }

    private static DocumentBuilder newBuilder() throws ProbeException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Plists carry a DOCTYPE pointing at apple.com: never fetch it, never expand entities.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            // Nesting past twice what value() reads is refused by the parser itself: the DOM of 20,000 nested
            // arrays (a user's own Info.plist) ended the stack in Xerces before value() could refuse it.
            factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                    String.valueOf(2 * MAX_DEPTH));
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // silent: errors become exceptions
            return builder;
        } catch (ParserConfigurationException e) {
            throw new ProbeException("the JDK XML parser cannot be configured safely: " + e.getMessage(), e);
        }
    }
}
