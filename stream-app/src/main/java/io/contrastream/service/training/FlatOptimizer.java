package io.contrastream.service.training;

import static io.contrastream.service.training.Tensors.in;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An optimiser over one flat weight array and its flat gradient: a handful of kernels a step for
 * the whole encoder, where DJL's optimisers launch several for each of its arrays (on a GPU the
 * step waits on those launches). The formulas are PyTorch's ({@code torch.optim.Adam} and {@code
 * SGD}, weight decay as an L2 term added to the gradient), so the bench's reference runs the same
 * step.
 */
public interface FlatOptimizer {

    /** Updates {@code weights} in place from {@code gradient}; temporaries go to {@code step}. */
    void step(NDManager step, NDArray weights, NDArray gradient);

    /** The optimiser {@code settings} name, its state zeroed, on {@code manager}'s device. */
    static FlatOptimizer of(TrainerSettings settings, NDManager manager, Shape shape) {
        float lr = (float) settings.learningRate();
        float decay = (float) settings.weightDecay();
        return switch (settings.optimizer()) {
            case SGD -> new MomentumSgd(manager, shape, lr, 0.9f, decay);
            case ADAM -> new Adam(manager, shape, lr, decay);
        };
    }

    /** The gradient with weight decay as PyTorch adds it: {@code g + decay w}. */
    private static NDArray decayed(NDManager step, NDArray gradient, NDArray weights, float decay) {
        return decay == 0 ? gradient : in(step, gradient.add(in(step, weights.mul(decay))));
    }

    /** Adam (betas 0.9, 0.999, epsilon 1e-8), its moments updated in place. */
    final class Adam implements FlatOptimizer {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;

        private final NDArray m;
        private final NDArray v;
        private final float learningRate;
        private final float weightDecay;
        private int t;

        public Adam(NDManager manager, Shape shape, float learningRate, float weightDecay) {
            this.m = manager.zeros(shape);
            this.v = manager.zeros(shape);
            this.learningRate = learningRate;
            this.weightDecay = weightDecay;
        }

        @Override
        public void step(NDManager step, NDArray weights, NDArray gradient) {
            t++;
            NDArray g = decayed(step, gradient, weights, weightDecay);
            m.muli(BETA1).addi(in(step, g.mul(1 - BETA1)));
            v.muli(BETA2).addi(in(step, g.square()).muli(1 - BETA2));
            double correction1 = 1 - Math.pow(BETA1, t);
            double correction2 = 1 - Math.pow(BETA2, t);
            NDArray denominator = in(step, v.div((float) correction2)).sqrt().addi(EPSILON);
            weights.subi(in(step, m.mul((float) (learningRate / correction1))).divi(denominator));
        }
    }

    /** SGD with momentum (no dampening): {@code buf = mu buf + g; w -= lr buf}. */
    final class MomentumSgd implements FlatOptimizer {
        private final NDArray buffer;
        private final float learningRate;
        private final float momentum;
        private final float weightDecay;

        MomentumSgd(NDManager manager, Shape shape, float learningRate, float momentum, float weightDecay) {
            this.buffer = manager.zeros(shape);
            this.learningRate = learningRate;
            this.momentum = momentum;
            this.weightDecay = weightDecay;
        }

        @Override
        public void step(NDManager step, NDArray weights, NDArray gradient) {
            NDArray g = decayed(step, gradient, weights, weightDecay);
            buffer.muli(momentum).addi(g);
            weights.subi(in(step, buffer.mul(learningRate)));
        }
    }
}
