package org.peerbridge.server.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an error answer is written as XML or JSON: as the request asks ({@code _format}, else
 * Accept), JSON by default. Reads the raw query string, so it works for requests too broken to parse.
 */
public enum ErrorAnswerFormat {
    JSON("application/fhir+json;charset=utf-8"),
    XML("application/fhir+xml;charset=utf-8");

    private static final Pattern FORMAT = Pattern.compile("(?:^|&)_format=([^&]*)");

    private final String contentType;

    ErrorAnswerFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static ErrorAnswerFormat of(String rawQuery, String accept) {
        if (rawQuery != null) {
            Matcher format = FORMAT.matcher(rawQuery);
            if (format.find()) {
                return format.group(1).toLowerCase(Locale.ROOT).contains("xml") ? XML : JSON;
            }
        }
        if (accept == null) {
            return JSON;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int xml = lower.indexOf("xml");
        int json = lower.indexOf("json");
        return xml >= 0 && (json < 0 || xml < json) ? XML : JSON;
    }
}
