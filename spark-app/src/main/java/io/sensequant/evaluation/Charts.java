package io.sensequant.evaluation;

import io.sensequant.stats.ConfusionMatrix;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * PNG charts for the reports, rendered with JFreeChart in headless mode (no display is needed or used). Sizes
 * are presentation, not model knobs.
 */
public final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    private static final int SHADES = 10;

    static {
        // before any AWT class loads: servers and CI have no display
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Counts of (actual, predicted), actual on the vertical axis, darker for more rows. */
    public static byte[] confusionHeatmap(String title, ConfusionMatrix matrix, List<String> classes) {
        int k = matrix.classes();
        double[][] data = new double[3][k * k];
        long max = 1;
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                int i = actual * k + predicted;
                data[0][i] = predicted;
                data[1][i] = actual;
                data[2][i] = matrix.count(actual, predicted);
                max = Math.max(max, matrix.count(actual, predicted));
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("rows", data);
        String[] names = classes.toArray(String[]::new);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, new Color(247, 251, 255));
        for (int s = 1; s <= SHADES; s++) {
            float shade = (float) s / SHADES;
            scale.add(max * (s - 1) / (double) SHADES + 1e-9, new Color(1 - 0.85f * shade, 1 - 0.6f * shade, 1 - 0.25f * shade));
        }
        renderer.setPaintScale(scale);
        renderer.setDefaultItemLabelsVisible(true);
        XYPlot plot = new XYPlot(dataset, new SymbolAxis("predicted", names), new SymbolAxis("actual", names), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.getRangeAxis().setInverted(true);   // first class on top, as confusion matrices are usually read
        JFreeChart chart = new JFreeChart(title, plot);
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("rows");
        legendAxis.setRange(0, max + 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        // the counts themselves, written in each cell
        for (int i = 0; i < k * k; i++) {
            org.jfree.chart.annotations.XYTextAnnotation label = new org.jfree.chart.annotations.XYTextAnnotation(
                    String.format("%,d", (long) data[2][i]), data[0][i], data[1][i]);
            label.setPaint(data[2][i] > max / 2.0 ? Color.WHITE : Color.BLACK);
            plot.addAnnotation(label);
        }
        return png(chart, HEIGHT + HEIGHT / 4, HEIGHT);
    }

    /** One bar per category, in the map's order. */
    public static byte[] bars(String title, String valueLabel, Map<String, Double> values) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        values.forEach((category, value) -> dataset.addValue(value, valueLabel, category));
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, dataset, PlotOrientation.VERTICAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        org.jfree.chart.renderer.category.BarRenderer renderer =
                (org.jfree.chart.renderer.category.BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setSeriesPaint(0, new Color(49, 130, 189));
        renderer.setShadowVisible(false);
        return png(chart, WIDTH, HEIGHT);
    }

    /** Daily series, one line each, sharing one value axis. */
    public static byte[] lines(String title, String valueLabel, Map<String, Map<LocalDate, Double>> series) {
        TimeSeriesCollection dataset = new TimeSeriesCollection();
        series.forEach((name, points) -> {
            TimeSeries line = new TimeSeries(name);
            points.forEach((date, value) -> {
                if (value != null && Double.isFinite(value)) {
                    line.addOrUpdate(new Day(date.getDayOfMonth(), date.getMonthValue(), date.getYear()), value);
                }
            });
            dataset.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "date", valueLabel, dataset, series.size() > 1,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return png(chart, WIDTH, HEIGHT);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle().getText() + "'", e);
        }
        return out.toByteArray();
    }
}
