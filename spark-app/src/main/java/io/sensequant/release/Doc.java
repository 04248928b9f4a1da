package io.sensequant.release;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small document model for the briefing, so that the Markdown and the HTML renderings have exactly the same
 * content. Text may use two inline Markdown marks, {@code **bold**} and {@code `code`}.
 */
final class Doc {
    sealed interface Block permits Heading, Paragraph, Bullets, Table, Preformatted, Figure, Callout {
    }

    record Heading(int level, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record Bullets(List<String> items) implements Block {
    }

    /** A table; every column but the first holds numbers (right-aligned). */
    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    record Preformatted(List<String> lines) implements Block {
    }

    /** A chart: a PNG path (absolute, or relative to the release directory) and its caption. */
    record Figure(String path, String caption) implements Block {
    }

    /** A highlighted statement (the recommendation); tone is good, warn or bad. */
    record Callout(String text, String tone) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    Doc heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    Doc paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    Doc bullets(List<?> items) {
        blocks.add(new Bullets(items.isEmpty() ? List.of("none") : items.stream().map(String::valueOf).toList()));
        return this;
    }

    Doc table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    Doc preformatted(List<String> lines) {
        blocks.add(new Preformatted(List.copyOf(lines)));
        return this;
    }

    Doc figure(String path, String caption) {
        blocks.add(new Figure(path, caption));
        return this;
    }

    Doc callout(String text, String tone) {
        blocks.add(new Callout(text, tone));
        return this;
    }
}
