package io.iapeer.host.service;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an XML property list into plain values with the JDK's parser — a dict is an ordered map, an
 * array a list, integer a Long, true/false a Boolean — failing on anything a plist may not hold.
 * The DOCTYPE is allowed; its external DTD is never fetched.
 */
final class PlistReader {
  private PlistReader() {}

  /** A plist whose value is a dict, as launchd's are. */
  static Map<String, Object> read(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setEntityResolver((publicId, systemId) -> {
      throw new SAXException("tried to fetch " + systemId);
    });
    b.setErrorHandler(new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) throws SAXException {
        throw e;
      }

      @Override
      public void error(SAXParseException e) throws SAXException {
        throw e;
      }

      @Override
      public void fatalError(SAXParseException e) throws SAXException {
        throw e;
      }
    });
    Document doc = b.parse(new InputSource(new StringReader(xml)));
    if (doc.getDoctype() == null || !"-//Apple//DTD PLIST 1.0//EN".equals(doc.getDoctype().getPublicId())) {
      throw new IllegalArgumentException("not Apple's plist DOCTYPE");
    }
    Element plist = doc.getDocumentElement();
    if (!plist.getTagName().equals("plist") || !plist.getAttribute("version").equals("1.0")) {
      throw new IllegalArgumentException("root is not <plist version=\"1.0\">");
    }
    List<Element> top = children(plist);
    if (top.size() != 1) {
      throw new IllegalArgumentException("a plist holds exactly one value, not " + top.size());
    }
    if (!top.getFirst().getTagName().equals("dict")) {
      throw new IllegalArgumentException("a launchd plist holds a dict");
    }
    return dict(top.getFirst());
  }

  /** The dict under {@code key}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> dict(Map<String, Object> dict, String key) {
    return (Map<String, Object>) dict.get(key);
  }

  private static Object value(Element e) {
    return switch (e.getTagName()) {
      case "dict" -> dict(e);
      case "array" -> children(e).stream().map(PlistReader::value).toList();
      case "string" -> text(e);
      case "integer" -> Long.parseLong(text(e));
      case "true" -> empty(e, Boolean.TRUE);
      case "false" -> empty(e, Boolean.FALSE);
      default -> throw new IllegalArgumentException("not a plist value: <" + e.getTagName() + ">");
    };
  }

  private static Map<String, Object> dict(Element e) {
    List<Element> items = children(e);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
      Element key = items.get(i);
      if (!key.getTagName().equals("key") || i + 1 >= items.size()) {
        throw new IllegalArgumentException("a dict is <key> then value pairs");
      }
      if (out.put(text(key), value(items.get(i + 1))) != null) {
        throw new IllegalArgumentException("duplicate key " + text(key));
      }
    }
    return out;
  }

  /** Element children; any other content between them must be blank. */
  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      } else if (n.getNodeType() != Node.TEXT_NODE || !n.getNodeValue().isBlank()) {
        throw new IllegalArgumentException("stray content in <" + e.getTagName() + ">");
      }
    }
    return out;
  }

  private static String text(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() != Node.TEXT_NODE) {
        throw new IllegalArgumentException("<" + e.getTagName() + "> holds more than text");
      }
    }
    return e.getTextContent();
  }

  private static Boolean empty(Element e, Boolean v) {
    if (e.hasChildNodes()) {
      throw new IllegalArgumentException("<" + e.getTagName() + "/> must be empty");
    }
    return v;
  }
}
