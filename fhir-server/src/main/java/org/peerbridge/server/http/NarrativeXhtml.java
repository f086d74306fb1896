package org.peerbridge.server.http;

import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * A JSON narrative ({@code text.div}) read as HAPI's parser will read it. HAPI's XHTML parser is stricter than
 * XML (an attribute name with a combining mark, for one) and reports what it cannot read with an unchecked
 * error that would otherwise surface as a 500; reading it here first locates the problem instead.
 */
final class NarrativeXhtml {

    private NarrativeXhtml() {
    }

    /** What makes the narrative unreadable, or null. */
    static String problem(String div) {
        try {
            new XhtmlNode(NodeType.Element, "div").setValueAsString(div);
            return null;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "The narrative is not XHTML that can be read: " + cause.getMessage();
        }
    }
}
