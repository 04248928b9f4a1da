package io.sensequant.release;

import java.util.List;

/** Renders a {@link Doc} as Markdown; figures link to their PNG relative to the release directory. */
final class DocMarkdown {
    private DocMarkdown() {
    }

    static String render(Doc doc, String releaseDir) {
        StringBuilder md = new StringBuilder();
        for (Doc.Block block : doc.blocks()) {
            if (block instanceof Doc.Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Doc.Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Doc.Bullets b) {
                b.items().forEach(item -> md.append("- ").append(item).append('\n'));
                md.append('\n');
            } else if (block instanceof Doc.Table t) {
                row(md, t.header());
                md.append("|---").append("|---:".repeat(Math.max(0, t.header().size() - 1))).append("|\n");
                t.rows().forEach(r -> row(md, r));
                md.append('\n');
            } else if (block instanceof Doc.Preformatted pre) {
                pre.lines().forEach(line -> md.append("    ").append(line).append('\n'));
                md.append('\n');
            } else if (block instanceof Doc.Figure f) {
                md.append("![").append(f.caption()).append("](").append(relative(f.path(), releaseDir)).append(")\n\n");
            } else if (block instanceof Doc.Callout c) {
                md.append("> ").append(c.text()).append("\n\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    static String relative(String path, String releaseDir) {
        String prefix = releaseDir.endsWith("/") ? releaseDir : releaseDir + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
