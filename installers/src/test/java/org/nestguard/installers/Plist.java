package org.nestguard.installers;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an XML property list (launchd plists, configuration profiles) into maps, lists, strings, booleans and
 * longs, as {@code plutil -convert json} would: the check that macOS's own tools cannot run here.
 */
final class Plist {
    private Plist() {
    }

    /** The top-level dictionary of {@code file}; anything not a valid XML plist is an error naming what is wrong. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var builder = factory.newDocumentBuilder();
            // Apple's DTD is never fetched: the network is not needed to read a plist.
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            Element root = builder.parse(file.toFile()).getDocumentElement();
            if (!root.getTagName().equals("plist")) {
                throw new IOException(file + ": the root element is <" + root.getTagName() + ">, not <plist>");
            }
            List<Element> values = children(root);
            if (values.size() != 1 || !values.get(0).getTagName().equals("dict")) {
                throw new IOException(file + ": a plist must hold exactly one top-level <dict>");
            }
            return (Map<String, Object>) value(file, values.get(0));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static Object value(Path file, Element e) throws IOException {
        switch (e.getTagName()) {
            case "dict" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                List<Element> items = children(e);
                for (int i = 0; i < items.size(); i += 2) {
                    if (!items.get(i).getTagName().equals("key") || i + 1 >= items.size()) {
                        throw new IOException(file + ": a <dict> must alternate <key> and a value");
                    }
                    String key = items.get(i).getTextContent();
                    if (map.put(key, value(file, items.get(i + 1))) != null) {
                        throw new IOException(file + ": key " + key + " appears twice in one <dict>");
                    }
                }
                return map;
            }
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (Element item : children(e)) {
                    list.add(value(file, item));
                }
                return list;
            }
            case "string" -> {
                return e.getTextContent();
            }
            case "integer" -> {
                return Long.parseLong(e.getTextContent().strip());
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> throw new IOException(file + ": <" + e.getTagName() + "> is not a plist value this file uses");
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
