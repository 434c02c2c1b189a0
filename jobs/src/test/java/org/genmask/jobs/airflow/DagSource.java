package org.genmask.jobs.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Airflow DAG file names, read without Airflow or Python: its string literals (comments and triple-quoted
 * docstrings skipped), its module-level string constants, and each {@code SparkSubmitOperator(...)} call's
 * {@code java_class}, {@code application}, {@code properties_file} and {@code application_args} literals. Literals
 * are kept as written; {@link #resolve} expands {@code {NAME}} of f-strings from the constants.
 */
final class DagSource {
    /** One literal: its text (quotes and prefix removed) and where it starts in the file. */
    record Literal(String text, int offset, boolean fString) {
    }

    /** One spark-submit task. Values are literals or constant names as written; {@code null} when absent. */
    record SubmitTask(String taskId, String javaClass, String application, String propertiesFile, List<String> args,
                      int line) {
    }

    final Path file;
    final String code;
    final List<Literal> literals = new ArrayList<>();
    /** Code with every literal and comment blanked out (same offsets), for finding calls and keywords. */
    private final StringBuilder bare;

    DagSource(Path file) throws IOException {
        this.file = file;
        this.code = Files.readString(file, StandardCharsets.UTF_8);
        this.bare = new StringBuilder(code);
        lex();
    }

    private void lex() {
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '#') {
                int end = code.indexOf('\n', i);
                end = end < 0 ? code.length() : end;
                blank(i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int start = i;
                boolean f = false;
                for (int p = i - 1; p >= 0 && Character.isLetter(code.charAt(p)); p--) {
                    f |= Character.toLowerCase(code.charAt(p)) == 'f';
                }
                String q = code.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3)
                        : String.valueOf(c);
                int j = i + q.length();
                StringBuilder text = new StringBuilder();
                while (!code.startsWith(q, j)) {
                    if (j >= code.length() || (q.length() == 1 && code.charAt(j) == '\n')) {
                        throw new IllegalStateException(file + " line " + line(start) + ": unterminated string");
                    }
                    if (code.charAt(j) == '\\') {
                        text.append(code.charAt(j + 1));
                        j += 2;
                    } else {
                        text.append(code.charAt(j++));
                    }
                }
                i = j + q.length();
                blank(start, i);
                if (q.length() == 1) { // triple-quoted strings are docstrings here, not names
                    literals.add(new Literal(text.toString(), start, f));
                }
            } else {
                i++;
            }
        }
    }

    private void blank(int from, int to) {
        for (int k = from; k < to; k++) {
            if (bare.charAt(k) != '\n') {
                bare.setCharAt(k, ' ');
            }
        }
    }

    int line(int offset) {
        int n = 1;
        for (int k = 0; k < offset; k++) {
            n += code.charAt(k) == '\n' ? 1 : 0;
        }
        return n;
    }

    /** Module-level {@code NAME = "..."} / {@code NAME = f"..."} assignments of a single literal. */
    Map<String, String> constants() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Literal l : literals) {
            int lineStart = code.lastIndexOf('\n', l.offset()) + 1;
            String before = bare.substring(lineStart, l.offset()).stripTrailing();
            int lineEnd = code.indexOf('\n', l.offset());
            String after = bare.substring(l.offset(), lineEnd < 0 ? code.length() : lineEnd).strip();
            if (before.matches("[A-Z][A-Z0-9_]* *=( *f)?") && after.isEmpty()) {
                out.put(before.substring(0, before.indexOf(' ') < 0 ? before.indexOf('=') : before.indexOf(' ')),
                        l.text());
            }
        }
        return out;
    }

    /** {@code {NAME}} of an f-string replaced by the constant's (resolved) value; {@code GENMASK_HOME} by {@code home}. */
    String resolve(String text, Map<String, String> constants, String home) {
        String out = text;
        for (int guard = 0; guard < 10 && out.matches("(?s).*\\{[A-Z][A-Z0-9_]*}.*"); guard++) {
            out = out.replace("{GENMASK_HOME}", home);
            for (Map.Entry<String, String> e : constants.entrySet()) {
                out = out.replace("{" + e.getKey() + "}", e.getValue());
            }
        }
        return out;
    }

    /** Every {@code SparkSubmitOperator(...)} call, in file order. */
    List<SubmitTask> submitTasks() {
        List<SubmitTask> out = new ArrayList<>();
        String b = bare.toString();
        for (int at = b.indexOf("SparkSubmitOperator("); at >= 0; at = b.indexOf("SparkSubmitOperator(", at + 1)) {
            if (at > 0 && (Character.isLetterOrDigit(b.charAt(at - 1)) || b.charAt(at - 1) == '.')) {
                continue;
            }
            int open = at + "SparkSubmitOperator".length();
            int close = matching(b, open);
            List<String> args = new ArrayList<>();
            int argsAt = keyword(b, open, close, "application_args");
            if (argsAt >= 0) {
                int listClose = matching(b, b.indexOf('[', argsAt));
                for (Literal l : literals) {
                    if (l.offset() > argsAt && l.offset() < listClose && l.text().startsWith("--")) {
                        args.add(l.text());
                    }
                }
            }
            out.add(new SubmitTask(value(b, open, close, "task_id"), value(b, open, close, "java_class"),
                    value(b, open, close, "application"), value(b, open, close, "properties_file"), args, line(at)));
        }
        return out;
    }

    private static int matching(String b, int open) {
        char o = b.charAt(open);
        char c = o == '(' ? ')' : ']';
        int depth = 0;
        for (int k = open; k < b.length(); k++) {
            depth += b.charAt(k) == o ? 1 : b.charAt(k) == c ? -1 : 0;
            if (depth == 0) {
                return k;
            }
        }
        throw new IllegalStateException("unbalanced '" + o + "' at offset " + open);
    }

    /** Where the keyword argument's value starts (blanked literals are spaces in {@code b}: skip blanks in code). */
    private int keyword(String b, int from, int to, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[(,\\s]" + name + "\\s*=").matcher(b);
        m.region(from, to);
        if (!m.find()) {
            return -1;
        }
        int v = m.end();
        while (v < to && Character.isWhitespace(code.charAt(v))) {
            v++;
        }
        return v;
    }

    /** The keyword argument's literal text, or the constant name written there, or null. */
    private String value(String b, int from, int to, String name) {
        int v = keyword(b, from, to, name);
        if (v < 0) {
            return null;
        }
        for (Literal l : literals) {
            if (l.offset() >= v) {
                if (code.substring(v, l.offset()).matches("[fF]?")) {
                    return l.text();
                }
                break;
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(b);
        m.region(v, to);
        return m.lookingAt() ? "$" + m.group() : null;
    }
}
