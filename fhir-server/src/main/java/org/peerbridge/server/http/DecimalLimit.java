package org.peerbridge.server.http;

import java.math.BigDecimal;

/**
 * How large a JSON number may be. HAPI writes decimals back without an exponent, so
 * {@code 1e999999} becomes a million digits: parsing it takes minutes of CPU, and every later read
 * of the resource fails (the JSON reader refuses numbers over 1000 characters). A number is accepted
 * when its plain notation has at most {@link #MAX_DIGITS} digits, far beyond any clinical value.
 */
public final class DecimalLimit {

    public static final int MAX_DIGITS = 100;

    private DecimalLimit() {
    }

    /** What is wrong with the JSON number literal {@code text} (too many digits written out), or null if nothing. */
    public static String problem(String text) {
        try {
            BigDecimal value = new BigDecimal(text); // cheap even for 1e999999: only the digits and the exponent are read
            long scale = value.scale();
            long digits = scale <= 0 ? value.precision() - scale : Math.max(value.precision(), scale + 1);
            if (digits <= MAX_DIGITS) {
                return null;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond int range: far too large as well
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "The number " + shown + " has more than " + MAX_DIGITS + " digits when written out;"
                + " PeerBridge stores numbers of at most " + MAX_DIGITS + " digits";
    }
}
