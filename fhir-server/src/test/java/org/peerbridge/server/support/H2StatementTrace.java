package org.peerbridge.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements an embedded H2 database ran while its trace file was on ({@code SET TRACE_LEVEL_FILE 2}): H2 writes
 * each one as {@code /*SQL l:<length> ...*&#47;<sql> {1: <literal>, 2: <literal>};} (without {@code l:} and
 * arguments when it has no parameters), its arguments as SQL literals, so each can be run again as written.
 */
public final class H2StatementTrace {

    /** Its length is given when arguments follow it; otherwise it ends with the line, after a semicolon. */
    private static final Pattern STATEMENT = Pattern.compile("/\\*SQL(?: l:(\\d+))?[^*]*\\*/");
    /** Run last: a connection opened meanwhile with {@code TRACE_LEVEL_FILE=0} in its URL turns the trace off for all. */
    private static final String END = "SELECT 'the trace ends here'";

    private final Path file;

    /** The trace of the database {@code peerbridge} in {@code dataDir}, as the server names it. */
    public H2StatementTrace(Path dataDir) {
        this.file = dataDir.resolve("peerbridge.trace.db");
    }

    public void start(Connection c) throws SQLException, IOException {
        Files.deleteIfExists(file);
        level(c, 2);
    }

    public void stop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(END);
        }
        level(c, 0);
    }

    /** Each distinct statement traced, with the literal arguments of its last run written in place of its parameters. */
    public Map<String, String> lastRunOfEach() throws IOException {
        String trace = Files.readString(file);
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher m = STATEMENT.matcher(trace);
        while (m.find()) {
            int start = m.end();
            if (m.group(1) == null) {
                String sql = trace.substring(start, trace.indexOf(";\n", start));
                statements.put(sql, sql);
            } else {
                String sql = trace.substring(start, start + Integer.parseInt(m.group(1)));
                statements.put(sql, withArguments(sql, arguments(trace, start + sql.length())));
            }
        }
        if (statements.remove(END) == null) {
            throw new IllegalStateException("the trace stopped before its end: a connection opened meanwhile turned it off");
        }
        return statements;
    }

    private static void level(Connection c, int level) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRACE_LEVEL_FILE " + level);
        }
    }

    /** The literals of {@code {1: a, 2: b}} starting at {@code at}; none when the statement had no parameters. */
    private static List<String> arguments(String trace, int at) {
        List<String> literals = new ArrayList<>();
        if (!trace.startsWith(" {1: ", at)) {
            return literals;
        }
        StringBuilder literal = new StringBuilder();
        boolean quoted = false;
        for (int i = at + 5; i < trace.length(); i++) {
            char ch = trace.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            boolean next = !quoted && trace.startsWith(", " + (literals.size() + 2) + ": ", i);
            if (next || (!quoted && trace.startsWith("};", i))) {
                literals.add(literal.toString());
                literal.setLength(0);
                if (!next) {
                    break;
                }
                i += (", " + (literals.size() + 1) + ": ").length() - 1;
            } else {
                literal.append(ch);
            }
        }
        return literals;
    }

    /** {@code sql} with each parameter outside a string replaced by its literal. */
    private static String withArguments(String sql, List<String> literals) {
        StringBuilder written = new StringBuilder();
        boolean quoted = false;
        int next = 0;
        for (char ch : sql.toCharArray()) {
            quoted ^= ch == '\'';
            written.append(ch == '?' && !quoted && next < literals.size() ? literals.get(next++) : String.valueOf(ch));
        }
        return written.toString();
    }
}
