package org.genmask.jobs.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line and bar charts as PNG bytes, drawn with XChart off screen. Needs a headless-capable AWT ({@code java.awt.headless}
 * true, or no display) and at least one font known to fontconfig (on Debian, {@code fonts-dejavu-core}, which
 * {@code openjdk-17-jre-headless} pulls in through {@code libfontconfig1}).
 */
public final class ChartImages {
    static final int WIDTH = 720;
    static final int HEIGHT = 360;

    private ChartImages() {
    }

    /**
     * @param series lines; empty ones are skipped, and a chart whose every series is empty is refused
     * @return a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels
     */
    public static byte[] lines(String title, String xTitle, String yTitle, List<Series> series) throws IOException {
        if (series.stream().allMatch(s -> s.size() == 0)) {
            throw new IllegalArgumentException("chart '" + title + "' has no data points");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(4).setAntiAlias(true);
        for (Series s : series) {
            if (s.size() > 0) {
                XYSeries line = chart.addSeries(s.name(), s.xs(), s.ys());
                line.setMarker(s.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
        }
        return png(chart);
    }

    /**
     * One bar per category, in the order given.
     *
     * @param categories the bars' labels
     * @param values     their heights, same order; a chart without bars is refused
     * @return a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels
     */
    public static byte[] bars(String title, String xTitle, String yTitle, List<String> categories,
                              List<Double> values) throws IOException {
        if (categories.isEmpty() || categories.size() != values.size()) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs one value per category, got "
                    + categories.size() + " categories and " + values.size() + " values");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false).setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
        chart.addSeries(yTitle, categories, values);
        return png(chart);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png);
        return png.toByteArray();
    }
}
