package org.peerbridge.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * What text FHIR allows: UTF-8 only, and in strings no character below U+0020 other than tab, CR
 * and LF, and no unpaired surrogate (which no encoding can store). Checked on every body and URL
 * parameter, so nothing is silently replaced by U+FFFD or stored with a NUL in it.
 */
public final class FhirText {

    private FhirText() {
    }

    /** The bytes as text, refusing anything that is not well-formed UTF-8. */
    public static String decodeUtf8(byte[] bytes, String location) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedInput(IssueType.STRUCTURE, location,
                    "The text is not valid UTF-8 (bad byte sequence near byte " + in.position() + "); FHIR text is always UTF-8");
        }
    }

    /** What is wrong with {@code value} (a control character, an unpaired surrogate), or null if nothing. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("Control character U+%04X is not allowed in FHIR strings", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("Unpaired surrogate U+%04X is not a character and cannot be stored", (int) c);
            }
        }
        return null;
    }
}
