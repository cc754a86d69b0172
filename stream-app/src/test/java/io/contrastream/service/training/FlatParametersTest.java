package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.contrastream.encoder.Encoders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatParametersTest {

    @Test
    void parametersBecomeViewsOfOneFlatArrayWithTheirValuesKept() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Encoders.residualCnn(TestTrainers.SPEC);
            block.initialize(manager, DataType.FLOAT32, TestTrainers.SPEC.inputShape(1));
            List<float[]> before = new ArrayList<>();
            long total = 0;
            long statistics = 0;
            for (Parameter p : block.getParameters().values()) {
                before.add(p.getArray().toFloatArray());
                total += p.getArray().size();
                boolean statistic =
                        p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
                statistics += statistic ? p.getArray().size() : 0;
            }

            FlatParameters flat = FlatParameters.adopt(block, manager);

            assertThat(flat.all().size()).isEqualTo(total);
            assertThat(flat.statistics().size()).isEqualTo(statistics);
            assertThat(flat.weights().size()).isEqualTo(total - statistics);
            int i = 0;
            for (Parameter p : block.getParameters().values()) {
                assertThat(p.getArray().toFloatArray()).as(p.getName()).containsExactly(before.get(i++));
                boolean statistic =
                        p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
                assertThat(p.getArray().hasGradient()).as(p.getName()).isEqualTo(!statistic);
            }
            // A write to the flat array is a write to every parameter: they share its memory.
            flat.all().muli(2f);
            i = 0;
            for (Parameter p : block.getParameters().values()) {
                float[] was = before.get(i++);
                float[] now = p.getArray().toFloatArray();
                for (int k = 0; k < was.length; k++) {
                    assertThat(now[k]).isEqualTo(2 * was[k]);
                }
            }
        }
    }

    @Test
    void gradientsAreLaidOutAsTheWeights() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Encoders.residualCnn(TestTrainers.SPEC);
            block.initialize(manager, DataType.FLOAT32, TestTrainers.SPEC.inputShape(1));
            FlatParameters flat = FlatParameters.adopt(block, manager);
            // loss = sum(w^2) / 2 over the weights: each gradient equals its weight.
            try (ai.djl.training.GradientCollector collector =
                    ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = manager.create(0f);
                for (Parameter p : block.getParameters().values()) {
                    if (p.requiresGradient()) {
                        loss = loss.add(p.getArray().square().sum().div(2f));
                    }
                }
                collector.backward(loss);
            }
            try (NDManager scope = manager.newSubManager()) {
                FlatParameters.Gradients gradients = flat.gradients(scope);
                assertThat(gradients.flat().toFloatArray())
                        .containsExactly(flat.weights().toFloatArray());
                gradients.zeroFinite();
                assertThat(flat.gradients(scope).flat().abs().sum().getFloat()).isZero();
            }
        }
    }
}
