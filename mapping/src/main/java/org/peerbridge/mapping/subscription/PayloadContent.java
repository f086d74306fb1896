package org.peerbridge.mapping.subscription;

import java.util.Arrays;
import java.util.Optional;

/** How much of the focus resource a notification carries (backport-payload-content). */
public enum PayloadContent {
    EMPTY("empty"), ID_ONLY("id-only"), FULL_RESOURCE("full-resource");

    private final String code;

    PayloadContent(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PayloadContent> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
