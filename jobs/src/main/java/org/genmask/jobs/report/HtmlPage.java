package org.genmask.jobs.report;

import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page built in order: headings, text, tables, PNGs embedded as {@code data:} URIs, and
 * preformatted text. Everything given as text is escaped; no external asset is referenced.
 */
public final class HtmlPage {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:left;vertical-align:middle}th{background:#f3f3f3}img.chart{display:block;margin:1em 0}"
            + "img.cell{width:128px;height:auto;image-rendering:pixelated}p.note{color:#555;font-size:90%}"
            + "img.grid{display:block;margin:1em 0;width:100%;max-width:768px;height:auto;image-rendering:pixelated}";
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlPage(String title) {
        this.title = title;
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An {@code <img>} tag with the PNG inline; {@code cssClass} "chart" or "cell". */
    public static String image(byte[] png, String alt, String cssClass) {
        return "<img class=\"" + cssClass + "\" alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }

    public HtmlPage heading(int level, String text) {
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlPage chart(byte[] png, String alt) {
        body.append(image(png, alt, "chart")).append('\n');
        return this;
    }

    /** A picture grid (e.g. generated samples) shown enlarged with sharp pixels. */
    public HtmlPage grid(byte[] png, String alt) {
        body.append(image(png, alt, "grid")).append('\n');
        return this;
    }

    /** A table of escaped text cells. */
    public HtmlPage table(List<String> header, List<List<String>> rows) {
        return rawTable(header, rows.stream().map(r -> r.stream().map(HtmlPage::escape).toList()).toList());
    }

    /** A table whose cells are HTML already (e.g. from {@link #image} and {@link #escape}). */
    public HtmlPage rawTable(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(cell).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Collapsible preformatted text. */
    public HtmlPage details(String summary, String text) {
        body.append("<details><summary>").append(escape(summary)).append("</summary><pre>").append(escape(text))
                .append("</pre></details>\n");
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}
