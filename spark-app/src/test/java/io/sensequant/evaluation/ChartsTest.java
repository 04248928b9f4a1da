package io.sensequant.evaluation;

import io.sensequant.stats.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charts are real PNG files (read back with ImageIO) and the HTML page embeds them, so it reads offline. */
class ChartsTest {
    static BufferedImage read(byte[] png) throws IOException {
        assertTrue(png.length > 5_000, "a rendered chart, not an empty image: " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "ImageIO reads it back");
        return image;
    }

    static boolean hasSeveralColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size() > 3;
    }

    @Test
    void everyChartKindRendersAPng() throws IOException {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        matrix.add(0, 0, 40);
        matrix.add(0, 2, 7);
        matrix.add(1, 1, 90);
        matrix.add(2, 2, 33);
        matrix.add(2, 0, 12);
        BufferedImage heatmap = read(Charts.confusionHeatmap("confusion", matrix, List.of("down", "neutral", "up")));
        assertTrue(hasSeveralColours(heatmap));

        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("INFY", 0.41);
        accuracy.put("TCS", 0.52);
        BufferedImage bars = read(Charts.bars("accuracy", "accuracy", accuracy));
        assertEquals(Charts.WIDTH, bars.getWidth());
        assertEquals(Charts.HEIGHT, bars.getHeight());
        assertTrue(hasSeveralColours(bars));

        Map<LocalDate, Double> ic = new TreeMap<>();
        for (int d = 0; d < 30; d++) {
            ic.put(LocalDate.of(2024, 1, 1).plusDays(d), Math.sin(d / 3.0) / 5);
        }
        Map<String, Map<LocalDate, Double>> lines = new LinkedHashMap<>();
        lines.put("IC", ic);
        lines.put("Rank IC", new TreeMap<>(Map.of(LocalDate.of(2024, 1, 5), 0.1, LocalDate.of(2024, 1, 9), Double.NaN)));
        assertTrue(hasSeveralColours(read(Charts.lines("ic", "correlation", lines))));
    }

    @Test
    void htmlPageIsSelfContained() {
        byte[] png = Charts.bars("a", "b", Map.of("X", 1.0));
        String html = new HtmlPage("Report <1>").heading("charts").keyValues(Map.of("accuracy", 0.5))
                .image("chart", png).render();
        assertTrue(html.contains("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png)));
        assertTrue(html.contains("Report &lt;1&gt;"), "escaped");
        assertTrue(!html.contains("src=\"http") && !html.contains("<link") && !html.contains("<script"), "no external resource");
    }
}
