package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON text with {@code {{name}}} placeholders, split once into literal parts and variable slots so
 * that rendering a request is one pass of string appends (no regex per request: the generator shares
 * the CPU with the server it measures).
 *
 * <p>Placeholders may only stand inside JSON strings; every value is escaped as JSON string content.
 * The set of variables is fixed when the template is compiled: a placeholder the caller does not
 * declare, or a declared variable the template never uses, is an error at load time, not a silently
 * malformed request under load.
 */
public final class JsonTemplate {

    private final String source;
    private final String[] literals;   // literals.length == slots.length + 1
    private final int[] slots;         // index into the caller's variable list
    private final List<String> variables;
    private final int literalsLength;

    private JsonTemplate(String source, String[] literals, int[] slots, List<String> variables) {
        this.source = source;
        this.literals = literals;
        this.slots = slots;
        this.variables = variables;
        int n = 0;
        for (String literal : literals) {
            n += literal.length();
        }
        this.literalsLength = n;
    }

    /** Compiles {@code text}; {@code variables} fixes the order of the values given to {@link #render}. */
    public static JsonTemplate compile(String source, String text, List<String> variables) {
        Objects.requireNonNull(text, "text");
        List<String> vars = List.copyOf(variables);
        if (new LinkedHashSet<>(vars).size() != vars.size()) {
            throw new IllegalArgumentException("duplicate variable in " + vars);
        }
        List<String> literalParts = new ArrayList<>();
        List<Integer> slotList = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        int pos = 0;
        while (true) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                literalParts.add(text.substring(pos));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException(source + ": unterminated placeholder at offset " + open);
            }
            String name = text.substring(open + 2, close).trim();
            int index = vars.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException(source + ": unknown placeholder {{" + name + "}} (known: " + vars + ")");
            }
            literalParts.add(text.substring(pos, open));
            slotList.add(index);
            used.add(name);
            pos = close + 2;
        }
        if (used.size() != vars.size()) {
            List<String> unused = new ArrayList<>(vars);
            unused.removeAll(used);
            throw new IllegalArgumentException(source + ": variables never used by the template: " + unused);
        }
        int[] slots = slotList.stream().mapToInt(Integer::intValue).toArray();
        return new JsonTemplate(source, literalParts.toArray(String[]::new), slots, vars);
    }

    /** Loads a UTF-8 template from the class path. */
    public static JsonTemplate fromResource(Class<?> anchor, String resource, List<String> variables) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("template not found on the class path: " + resource);
            }
            return compile(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), variables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
    }

    /** Renders with {@code values} in the order of the declared variables. */
    public String render(String... values) {
        if (values.length != variables.size()) {
            throw new IllegalArgumentException(source + ": expected " + variables.size() + " values, got " + values.length);
        }
        StringBuilder out = new StringBuilder(literalsLength + 48 * slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.append(literals[i]);
            appendJsonEscaped(out, values[slots[i]]);
        }
        out.append(literals[slots.length]);
        return out.toString();
    }

    public List<String> variables() {
        return variables;
    }

    static void appendJsonEscaped(StringBuilder out, String value) {
        Objects.requireNonNull(value, "template value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
