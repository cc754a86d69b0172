package io.contrastream.experiments.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Small PNG charts drawn with Java2D: lines against log τ, and histogram panels. */
final class Charts {

    /** One line: points (x, y); NaN points are skipped. */
    record Series(String name, Color color, double[] x, double[] y, boolean dashed) {}

    static final Color BLUE = new Color(31, 119, 180);
    static final Color ORANGE = new Color(255, 127, 14);
    static final Color GREEN = new Color(44, 160, 44);
    static final Color RED = new Color(214, 39, 40);
    static final Color GREY = new Color(110, 110, 110);

    private static final int W = 640;
    private static final int H = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private Charts() {}

    /** A line chart with a logarithmic x axis (temperatures). */
    static void logXLines(Path file, String title, String yLabel, List<Series> series) throws IOException {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        if (yMax - yMin < 1e-9) {
            yMin -= 0.5;
            yMax += 0.5;
        }
        double pad = 0.08 * (yMax - yMin);
        yMin -= pad;
        yMax += pad;
        double lxMin = Math.log10(xMin) - 0.1;
        double lxMax = Math.log10(xMax) + 0.1;

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        axes(g, yLabel, "temperature τ (log scale)");
        for (int t = 0; t <= 4; t++) {
            double y = yMin + t * (yMax - yMin) / 4;
            int py = py(y, yMin, yMax);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, py, W - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", y), 8, py + 4);
        }
        for (double tick : series.get(0).x()) {
            int px = px(Math.log10(tick), lxMin, lxMax);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(px, H - BOTTOM, px, H - BOTTOM + 5);
            g.drawString(String.format(Locale.ROOT, "%s", trim(tick)), px - 12, H - BOTTOM + 20);
        }
        int legendY = TOP + 15;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(
                    s.dashed()
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                            : new BasicStroke(2.2f));
            Path2D line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    continue;
                }
                int px = px(Math.log10(s.x()[i]), lxMin, lxMax);
                int py = py(s.y()[i], yMin, yMax);
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
                if (!s.dashed()) {
                    g.fillOval(px - 4, py - 4, 8, 8);
                }
            }
            g.draw(line);
            g.drawLine(W - RIGHT - 190, legendY - 4, W - RIGHT - 165, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.name(), W - RIGHT - 158, legendY);
            legendY += 18;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** One panel per run: its positive (green) and negative (red) similarity distributions. */
    static void histogramPanels(
            Path file, String title, List<String> names, List<long[]> positives, List<long[]> negatives)
            throws IOException {
        int cols = 3;
        int rows = (names.size() + cols - 1) / cols;
        int pw = 300;
        int ph = 170;
        BufferedImage img = new BufferedImage(cols * pw + 20, rows * ph + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        for (int i = 0; i < names.size(); i++) {
            int x0 = 10 + (i % cols) * pw;
            int y0 = 40 + (i / cols) * ph;
            int plotW = pw - 30;
            int plotH = ph - 45;
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x0 + 10, y0 + 14);
            g.setColor(Color.GRAY);
            g.drawRect(x0 + 10, y0 + 20, plotW, plotH);
            drawDistribution(g, negatives.get(i), RED, x0 + 10, y0 + 20, plotW, plotH);
            drawDistribution(g, positives.get(i), GREEN, x0 + 10, y0 + 20, plotW, plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString("-1", x0 + 6, y0 + 20 + plotH + 14);
            g.drawString("0", x0 + 10 + plotW / 2 - 3, y0 + 20 + plotH + 14);
            g.drawString("1", x0 + 10 + plotW - 6, y0 + 20 + plotH + 14);
        }
        g.setColor(GREEN);
        g.drawString("positive pairs", img.getWidth() - 260, 30);
        g.setColor(RED);
        g.drawString("negatives", img.getWidth() - 140, 30);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** A histogram drawn as a density line: each distribution scaled to its own peak. */
    private static void drawDistribution(Graphics2D g, long[] counts, Color color, int x, int y, int w, int h) {
        long peak = 1;
        for (long c : counts) {
            peak = Math.max(peak, c);
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(1.8f));
        Path2D line = new Path2D.Double();
        for (int b = 0; b < counts.length; b++) {
            double px = x + (b + 0.5) * w / counts.length;
            double py = y + h - (double) counts[b] / peak * (h - 4);
            if (b == 0) {
                line.moveTo(px, py);
            } else {
                line.lineTo(px, py);
            }
        }
        g.draw(line);
    }

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 12, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void axes(Graphics2D g, String yLabel, String xLabel) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawString(xLabel, (W - g.getFontMetrics().stringWidth(xLabel)) / 2, H - 15);
        g.drawString(yLabel, 8, TOP - 10);
    }

    private static int px(double lx, double min, double max) {
        return (int) Math.round(LEFT + (lx - min) / (max - min) * (W - LEFT - RIGHT));
    }

    private static int py(double y, double min, double max) {
        return (int) Math.round(H - BOTTOM - (y - min) / (max - min) * (H - TOP - BOTTOM));
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
