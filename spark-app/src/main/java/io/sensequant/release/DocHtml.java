package io.sensequant.release;

import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Doc} as one self-contained HTML page: inline CSS, every chart embedded as a base64 data URI,
 * no scripts and no external resources, so it reads the same offline and in a mail attachment.
 */
final class DocHtml {
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String STYLE = """
            body{font-family:-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;max-width:1100px;margin:2em auto;\
            padding:0 1.5em;color:#1d2329;line-height:1.45}
            h1{border-bottom:3px solid #2c5282;padding-bottom:.3em}h2{color:#2c5282;border-bottom:1px solid #cbd5e0;margin-top:1.8em}
            h3{color:#2d3748}code{background:#edf2f7;padding:0 .25em;border-radius:3px;font-size:.92em;word-break:break-all}
            table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}th,td{border:1px solid #cbd5e0;padding:.3em .6em}
            th{background:#edf2f7;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr:nth-child(even) td{background:#f7fafc}pre{background:#f7fafc;border:1px solid #e2e8f0;padding:.6em;overflow-x:auto}
            figure{margin:1em 0}figure img{max-width:100%;border:1px solid #e2e8f0}figcaption{color:#4a5568;font-size:.9em}
            .callout{padding:.8em 1em;border-radius:6px;font-size:1.15em;margin:1em 0;border-left:6px solid}
            .good{background:#f0fff4;border-color:#2f855a}.warn{background:#fffaf0;border-color:#c05621}.bad{background:#fff5f5;border-color:#c53030}
            .missing{color:#c53030}
            """;

    private DocHtml() {
    }

    /** {@code images} returns a chart's bytes, or null when the file cannot be read (shown as missing). */
    static String render(Doc doc, String title, String releaseDir, Function<String, byte[]> images) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        for (Doc.Block block : doc.blocks()) {
            if (block instanceof Doc.Heading h) {
                html.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Doc.Paragraph p) {
                html.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Doc.Bullets b) {
                html.append("<ul>\n");
                b.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
                html.append("</ul>\n");
            } else if (block instanceof Doc.Table t) {
                table(html, t);
            } else if (block instanceof Doc.Preformatted pre) {
                html.append("<pre>").append(escape(String.join("\n", pre.lines()))).append("</pre>\n");
            } else if (block instanceof Doc.Figure f) {
                figure(html, f, releaseDir, images.apply(f.path()));
            } else if (block instanceof Doc.Callout c) {
                html.append("<div class=\"callout ").append(c.tone()).append("\">").append(inline(c.text())).append("</div>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Doc.Table t) {
        html.append("<table>\n<thead><tr>");
        t.header().forEach(h -> html.append("<th>").append(inline(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == 0 ? "<td>" : "<td class=\"n\">").append(inline(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void figure(StringBuilder html, Doc.Figure f, String releaseDir, byte[] png) {
        String name = DocMarkdown.relative(f.path(), releaseDir);
        html.append("<figure>");
        if (png == null) {
            html.append("<p class=\"missing\">chart ").append(escape(name)).append(" could not be read</p>");
        } else {
            html.append("<img alt=\"").append(escape(f.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">");
        }
        html.append("<figcaption>").append(escape(f.caption())).append(" (<code>").append(escape(name))
                .append("</code>)</figcaption></figure>\n");
    }

    /** Escapes the text, then turns the two inline marks into tags. */
    static String inline(String text) {
        String escaped = escape(text);
        Matcher code = CODE.matcher(escaped);
        escaped = code.replaceAll(m -> Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        Matcher bold = BOLD.matcher(escaped);
        return bold.replaceAll(m -> Matcher.quoteReplacement("<strong>" + m.group(1) + "</strong>"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
