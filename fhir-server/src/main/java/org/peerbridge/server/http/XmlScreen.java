package org.peerbridge.server.http;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One streaming pass over an XML body before HAPI parses it: no DOCTYPE at all (no entities, no
 * external fetches, no entity expansion), the root in the FHIR namespace, every element in the FHIR
 * namespace or (narrative) XHTML, every name ASCII, every text and attribute value FHIR text ({@link FhirText}), and
 * the whole body well-formed. Malformed XML never reaches HAPI's parser: its XHTML parser reads a
 * narrative ahead of the XML reader and failed on a tag mismatch after it with an unchecked error (a 500).
 */
final class XmlScreen {

    static final String FHIR_NS = "http://hl7.org/fhir";
    private static final Set<String> ALLOWED_NS = Set.of(FHIR_NS, "http://www.w3.org/1999/xhtml");
    private static final XMLInputFactory XML = factory();
    private static final Pattern ASCII_NAME = Pattern.compile("[A-Za-z0-9_.-]*");

    private XmlScreen() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    static void check(String xml) {
        Deque<String> path = new ArrayDeque<>();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            try {
                String encoding = reader.getCharacterEncodingScheme();
                if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                    throw new RefusedInput(IssueType.STRUCTURE, at(reader.getLocation()),
                            "The XML declares encoding '" + encoding + "'; FHIR XML is always UTF-8");
                }
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw new RefusedInput(IssueType.SECURITY,
                                at(reader.getLocation()), "A DOCTYPE or entity reference is not allowed in FHIR XML");
                        case XMLStreamConstants.START_ELEMENT -> {
                            path.addLast(reader.getLocalName());
                            checkElement(reader, path);
                        }
                        case XMLStreamConstants.END_ELEMENT -> path.pollLast();
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> checkText(reader.getText(), path);
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            // malformed text that the StAX reader (Woodstox) reports lazily, unchecked, when it is read
            if (e.getCause() instanceof XMLStreamException malformed) {
                throw malformed(malformed);
            }
            throw e;
        }
    }

    private static RefusedInput malformed(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int locationSuffix = message.indexOf("\n at [");
        String problem = (locationSuffix < 0 ? message : message.substring(0, locationSuffix)).strip();
        return new RefusedInput(IssueType.STRUCTURE, e.getLocation() == null ? null : at(e.getLocation()),
                "Malformed XML: " + problem);
    }

    private static void checkElement(XMLStreamReader reader, Deque<String> path) {
        checkName(reader.getLocalName(), path);
        checkName(reader.getPrefix(), path);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            checkName(reader.getNamespacePrefix(i), path);
        }
        String namespace = reader.getNamespaceURI();
        if (path.size() == 1 ? !FHIR_NS.equals(namespace) : !ALLOWED_NS.contains(namespace == null ? "" : namespace)) {
            throw new RefusedInput(IssueType.STRUCTURE, String.join(".", path), "Element <" + reader.getLocalName()
                    + "> is in namespace '" + (namespace == null ? "" : namespace) + "'; FHIR elements are in " + FHIR_NS);
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            checkName(reader.getAttributeLocalName(i), path);
            checkName(reader.getAttributePrefix(i), path);
            String attributeNs = reader.getAttributeNamespace(i);
            if (attributeNs != null && !attributeNs.isEmpty() && !XMLConstants.XML_NS_URI.equals(attributeNs)
                    && !ALLOWED_NS.contains(attributeNs)) {
                throw new RefusedInput(IssueType.STRUCTURE, String.join(".", path),
                        "Attribute '" + reader.getAttributeLocalName(i) + "' is in namespace '" + attributeNs + "', unknown to FHIR");
            }
            checkText(reader.getAttributeValue(i), path);
        }
    }

    /**
     * FHIR's and XHTML's names are ASCII; HAPI's XHTML parser, stricter than XML, failed with an unchecked error
     * (a 500) on a narrative's attribute name holding a combining mark, which XML allows. A null name (no prefix) passes.
     */
    private static void checkName(String name, Deque<String> path) {
        if (name != null && !ASCII_NAME.matcher(name).matches()) {
            throw new RefusedInput(IssueType.STRUCTURE, String.join(".", path),
                    "The name '" + name + "' has a character outside ASCII letters, digits, '_', '-' and '.': FHIR and XHTML names have none");
        }
    }

    private static void checkText(String text, Deque<String> path) {
        String problem = FhirText.problem(text);
        if (problem != null) {
            throw new RefusedInput(IssueType.INVALID, String.join(".", path), problem);
        }
    }

    private static String at(Location location) {
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }
}
