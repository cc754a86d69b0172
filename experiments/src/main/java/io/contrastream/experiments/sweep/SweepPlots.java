package io.contrastream.experiments.sweep;

import io.contrastream.service.training.LossKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The sweep's figures: the paper's trends against τ, and the similarity distributions. */
final class SweepPlots {

    private SweepPlots() {}

    static void write(Path dir, List<SweepRun> runs) throws IOException {
        Charts.logXLines(
                dir.resolve("uniformity_tolerance_vs_tau.png"),
                "Evaluation set: -L_uniform (blue) and tolerance (orange) against τ",
                "value",
                List.of(
                        series(
                                runs,
                                LossKind.CONTRASTIVE,
                                "-L_uniform, contrastive",
                                Charts.BLUE,
                                SweepRun::probeUniformity),
                        series(runs, LossKind.HARD, "-L_uniform, hard", Charts.BLUE, SweepRun::probeUniformity, true),
                        series(
                                runs,
                                LossKind.CONTRASTIVE,
                                "tolerance, contrastive",
                                Charts.ORANGE,
                                SweepRun::probeTolerance),
                        series(runs, LossKind.HARD, "tolerance, hard", Charts.ORANGE, SweepRun::probeTolerance, true)));
        Charts.logXLines(
                dir.resolve("window_uniformity_tolerance_vs_tau.png"),
                "Training window: -L_uniform (blue) and tolerance (orange) against τ",
                "value",
                List.of(
                        series(
                                runs,
                                LossKind.CONTRASTIVE,
                                "-L_uniform, contrastive",
                                Charts.BLUE,
                                SweepRun::uniformity),
                        series(runs, LossKind.HARD, "-L_uniform, hard", Charts.BLUE, SweepRun::uniformity, true),
                        series(
                                runs,
                                LossKind.CONTRASTIVE,
                                "tolerance, contrastive",
                                Charts.ORANGE,
                                SweepRun::tolerance),
                        series(runs, LossKind.HARD, "tolerance, hard", Charts.ORANGE, SweepRun::tolerance, true)));
        Charts.logXLines(
                dir.resolve("knn_accuracy_vs_tau.png"),
                "Top-1 accuracy on the evaluation set: kNN (solid), linear probe (dashed)",
                "accuracy",
                withSimple(
                        runs,
                        List.of(
                                series(
                                        runs,
                                        LossKind.CONTRASTIVE,
                                        "kNN, contrastive",
                                        Charts.BLUE,
                                        SweepRun::knnAccuracy),
                                series(runs, LossKind.HARD, "kNN, hard", Charts.RED, SweepRun::knnAccuracy),
                                series(
                                        runs,
                                        LossKind.CONTRASTIVE,
                                        "linear, contrastive",
                                        Charts.BLUE,
                                        SweepRun::linearProbeAccuracy,
                                        true),
                                series(
                                        runs,
                                        LossKind.HARD,
                                        "linear, hard",
                                        Charts.RED,
                                        SweepRun::linearProbeAccuracy,
                                        true)),
                        SweepRun::knnAccuracy));
        Charts.logXLines(
                dir.resolve("penalty_entropy_vs_tau.png"),
                "Entropy of the relative penalty r_i",
                "nats",
                withSimple(
                        runs,
                        List.of(
                                series(
                                        runs,
                                        LossKind.CONTRASTIVE,
                                        "contrastive",
                                        Charts.BLUE,
                                        SweepRun::penaltyEntropy),
                                series(runs, LossKind.HARD, "hard", Charts.RED, SweepRun::penaltyEntropy)),
                        SweepRun::penaltyEntropy));
        List<String> names = new ArrayList<>();
        List<long[]> positives = new ArrayList<>();
        List<long[]> negatives = new ArrayList<>();
        for (SweepRun r : runs) {
            names.add(r.loss().label());
            positives.add(r.positiveHistogram());
            negatives.add(r.negativeHistogram());
        }
        Charts.histogramPanels(
                dir.resolve("similarity_histograms.png"),
                "Cosine similarity of positive pairs and of negatives, end of each run",
                names,
                positives,
                negatives);
    }

    private static Charts.Series series(
            List<SweepRun> runs, LossKind kind, String name, java.awt.Color color, ToDoubleFunction<SweepRun> y) {
        return series(runs, kind, name, color, y, false);
    }

    private static Charts.Series series(
            List<SweepRun> runs,
            LossKind kind,
            String name,
            java.awt.Color color,
            ToDoubleFunction<SweepRun> y,
            boolean dashed) {
        List<SweepRun> of = runs.stream().filter(r -> r.loss().kind() == kind).toList();
        return new Charts.Series(
                name,
                color,
                of.stream().mapToDouble(r -> r.loss().tau()).toArray(),
                of.stream().mapToDouble(y).toArray(),
                dashed);
    }

    /** Adds the simple loss as a flat dashed reference line across the τ range. */
    private static List<Charts.Series> withSimple(
            List<SweepRun> runs, List<Charts.Series> lines, ToDoubleFunction<SweepRun> y) {
        List<Charts.Series> out = new ArrayList<>(lines);
        runs.stream()
                .filter(r -> r.loss().kind() == LossKind.SIMPLE)
                .findFirst()
                .ifPresent(simple -> {
                    double[] x = lines.get(0).x();
                    double[] flat = new double[x.length];
                    java.util.Arrays.fill(flat, y.applyAsDouble(simple));
                    out.add(new Charts.Series("simple", Charts.GREY, x, flat, true));
                });
        return out;
    }
}
