package org.peerbridge.server.http;

/**
 * Checks a request body before any parser builds objects from it, where a hostile body is cheap to
 * refuse: UTF-8 only, then {@link JsonScreen} or {@link XmlScreen} by media type. A form body (POST
 * search) is checked as URL parameters ({@link QueryParameters}).
 */
public final class BodyScreen {

    private BodyScreen() {
    }

    /**
     * @param mediaType lower-case media type without parameters
     * @param typeHint  the resource type the URL names, for locations; may be null
     * @throws RefusedInput what is wrong, and where
     */
    public static void check(byte[] body, String mediaType, String typeHint) {
        String text = FhirText.decodeUtf8(body, null);
        if (mediaType.contains("json")) {
            JsonScreen.check(text, typeHint);
        } else if (mediaType.contains("xml")) {
            XmlScreen.check(text);
        } else if (mediaType.equals(QueryParameters.FORM)) {
            QueryParameters.parse(text);
        }
    }
}
