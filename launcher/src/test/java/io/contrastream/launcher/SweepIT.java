package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.experiments.sweep.SweepResults;
import io.contrastream.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastream sweep --quick}: its results and plots, and the trends they must show. */
class SweepIT {

    @TempDir
    Path out;

    @Test
    void quickSweepWritesResultsAndPlotsAndShowsThePapersFirstTwoTrends() throws Exception {
        // The trends are claims about Fashion-MNIST (the synthetic shapes need not show them).
        ExternalTools.requireFile(Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");
        assertThat(Main.run(new String[] {"sweep", "--quick", "--dataset", "fashion-mnist", "--out", out.toString()}))
                .isZero();

        List<String[]> rows = SweepResults.read(out.resolve("results.csv"));
        assertThat(rows).hasSize(7);
        assertThat(rows).allSatisfy(r -> assertThat(r[2]).isEqualTo("1000"));
        assertThat(Files.readAllLines(out.resolve("results.csv")).get(2)).isEqualTo(SweepResults.HEADER);
        List<String> header = List.of(SweepResults.HEADER.split(","));
        Set<Integer> penalty = Set.of(header.indexOf("penalty_entropy"), header.indexOf("hardest1pct_share"));
        for (String[] r : rows) {
            boolean simple = r[0].endsWith("simple");
            for (int column = 3; column < r.length; column++) {
                double v = Double.parseDouble(r[column]);
                if (simple && penalty.contains(column)) {
                    // Uniform weights by construction: not measured, not reported.
                    assertThat(v).as("%s %s", r[0], header.get(column)).isNaN();
                } else {
                    assertThat(v).as("%s %s %s", r[0], r[1], header.get(column)).isFinite();
                }
            }
            assertThat(value(r, "uniformity")).isBetween(0.0, 4.5);
            assertThat(value(r, "tolerance")).isBetween(-1.0, 1.0);
            assertThat(value(r, "knn_accuracy")).isBetween(0.0, 1.0);
        }
        List<String[]> contrastive =
                rows.stream().filter(r -> r[0].equals("contrastive")).toList();
        assertThat(contrastive).extracting(r -> r[1]).containsExactly("0.2", "0.5", "1.0");
        // Trend (1), on the clean evaluation set: as τ falls, the embedding grows more uniform and
        // less tolerant, at every adjacent pair of temperatures of the grid.
        // Trend (2): the relative penalty concentrates (its entropy falls) as τ falls.
        for (int i = 1; i < contrastive.size(); i++) {
            String[] lower = contrastive.get(i - 1);
            String[] higher = contrastive.get(i);
            assertThat(value(lower, "probe_uniformity"))
                    .as("-L_uniform at τ=%s vs τ=%s", lower[1], higher[1])
                    .isGreaterThan(value(higher, "probe_uniformity"));
            assertThat(value(lower, "probe_tolerance"))
                    .as("tolerance at τ=%s vs τ=%s", lower[1], higher[1])
                    .isLessThan(value(higher, "probe_tolerance"));
            assertThat(value(lower, "penalty_entropy"))
                    .as("penalty entropy at τ=%s vs τ=%s", lower[1], higher[1])
                    .isLessThan(value(higher, "penalty_entropy"));
        }
        for (String[] r : contrastive) {
            // Ten classes, chance 0.1; the paper's protocol on clean test images.
            assertThat(value(r, "knn_accuracy")).as("kNN at τ=%s", r[1]).isGreaterThan(0.5);
            assertThat(value(r, "linear_probe_accuracy"))
                    .as("linear probe at τ=%s", r[1])
                    .isGreaterThan(0.5);
            assertThat(value(r, "probe_alignment"))
                    .as("alignment at τ=%s", r[1])
                    .isBetween(0.0, 2.0);
        }
        // The course of every run: its evaluations at steps 500 and 1000.
        List<String[]> trajectories = SweepResults.read(out.resolve("trajectories.csv"));
        assertThat(trajectories).hasSize(2 * rows.size());
        assertThat(trajectories).extracting(t -> t[2]).containsOnly("500", "1000");
        List<String> provenance = Files.readAllLines(out.resolve("results.csv")).stream()
                .filter(l -> l.startsWith("#"))
                .toList();
        assertThat(provenance).hasSize(2);
        assertThat(provenance.get(0)).startsWith("# commit ");
        assertThat(provenance.get(1))
                .startsWith("# command contrastream sweep ")
                .contains("--quick");
        for (String png : List.of(
                "uniformity_tolerance_vs_tau.png",
                "knn_accuracy_vs_tau.png",
                "penalty_entropy_vs_tau.png",
                "similarity_histograms.png",
                "window_uniformity_tolerance_vs_tau.png")) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }
    }

    static double value(String[] row, String column) {
        return Double.parseDouble(row[List.of(SweepResults.HEADER.split(",")).indexOf(column)]);
    }
}
