package org.genmask.notebooks.kernel;

import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a notebook cell shows besides printed text: PNG pictures, Markdown (headings, notes, tables). Each call adds
 * one output to the running cell. Outside a running kernel (a plain JShell, a test) the calls fail.
 */
public final class Display {
    private Display() {
    }

    /** A PNG picture (bytes as written by {@code ImageIO}); {@code alt} is its text form. */
    public static void png(byte[] png, String alt) {
        if (png == null || png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N'
                || png[3] != 'G') {
            throw new IllegalArgumentException("not a PNG: " + alt);
        }
        DisplayData d = new DisplayData(alt);
        d.putData("image/png", Base64.getEncoder().encodeToString(png));
        show(d);
    }

    /** Markdown, rendered by the front end; its source is also the text form. */
    public static void markdown(String markdown) {
        DisplayData d = new DisplayData(markdown);
        d.putMarkdown(markdown);
        show(d);
    }

    /** A table as Markdown: the header row, then one row per list; cells are shown with {@code toString}. */
    public static void table(List<String> header, List<? extends List<?>> rows) {
        markdown(tableMarkdown(header, rows));
    }

    /** The Markdown of {@link #table}. */
    public static String tableMarkdown(List<String> header, List<? extends List<?>> rows) {
        StringBuilder b = new StringBuilder();
        row(b, header);
        b.append('|');
        header.forEach(h -> b.append(" --- |"));
        b.append('\n');
        for (List<?> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table row has " + r.size() + " cells, the header "
                        + header.size() + ": " + r);
            }
            row(b, r);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<?> cells) {
        b.append('|');
        for (Object c : cells) {
            b.append(' ').append(String.valueOf(c).replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        b.append('\n');
    }

    private static void show(DisplayData d) {
        BaseKernel.notebookKernel().display(d);
    }
}
