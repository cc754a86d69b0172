package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's parameters moved into one flat float32 array on its device, each parameter's array
 * becoming a view of its slice: weights first (what gradients train), then the batch-norm running
 * statistics. Whole-encoder arithmetic (the optimiser, the momentum pull, the finite check, the
 * snapshot of the statistics) is then a few kernels instead of a few per array. Two blocks of one
 * architecture get the same layout.
 *
 * <p>DJL has no public way to give an initialised parameter another array ({@code setArray}
 * refuses once a shape is known), so the views are set into {@link Parameter}'s field by
 * reflection, before any trainer or parameter store has seen the old arrays. {@code
 * FlatParametersTest} fails if a DJL upgrade renames that field.
 */
public final class FlatParameters {

    private static final Field ARRAY = arrayField();

    private final NDArray all;
    private final NDArray weights;
    private final NDArray statistics;
    private final List<NDArray> weightViews = new ArrayList<>();

    private FlatParameters(NDArray all, long weightCount) {
        this.all = all;
        this.weights = all.get(new NDIndex("0:{}", weightCount));
        this.statistics = all.get(new NDIndex("{}:", weightCount));
    }

    /**
     * Moves the initialised {@code block}'s parameters into a flat array of {@code manager}'s,
     * keeping their values and whether they take gradients.
     */
    public static FlatParameters adopt(Block block, NDManager manager) {
        List<Parameter> ordered = new ArrayList<>();
        block.getParameters().values().stream().filter(p -> !isStatistic(p)).forEach(ordered::add);
        long weightCount = ordered.stream().mapToLong(p -> p.getArray().size()).sum();
        block.getParameters().values().stream()
                .filter(FlatParameters::isStatistic)
                .forEach(ordered::add);
        NDList flattened = new NDList();
        try (NDManager scope = manager.newSubManager()) {
            for (Parameter p : ordered) {
                NDArray flat = p.getArray().stopGradient().reshape(-1);
                flat.attach(scope);
                flattened.add(flat);
            }
            NDArray all = NDArrays.concat(flattened);
            all.attach(manager);
            FlatParameters flat = new FlatParameters(all, weightCount);
            long offset = 0;
            for (Parameter p : ordered) {
                NDArray old = p.getArray();
                Shape shape = old.getShape();
                NDArray view;
                try (NDArray slice = flat.all.get(new NDIndex("{}:{}", offset, offset + shape.size()))) {
                    view = slice.reshape(shape); // shares the flat array's memory
                }
                view.setName(old.getName());
                if (p.requiresGradient()) {
                    view.setRequiresGradient(true);
                    flat.weightViews.add(view);
                }
                setArray(p, view);
                old.close();
                offset += shape.size();
            }
            return flat;
        }
    }

    private static boolean isStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    /**
     * Copies every value of {@code source}, a block of the same architecture, into these
     * parameters: one copy on the device, no trip through the host.
     */
    public void copyFrom(FlatParameters source) {
        requireLayoutOf(source);
        Tensors.overwrite(all, source.all);
    }

    /** Refuses parameters of another architecture, whose flat arrays could not be combined. */
    void requireLayoutOf(FlatParameters other) {
        if (other.all.size() != all.size() || other.weights.size() != weights.size()) {
            throw new IllegalArgumentException("parameters laid out differently: " + other.all.size() + " values ("
                    + other.weights.size() + " weights) vs " + all.size() + " (" + weights.size() + ")");
        }
    }

    /** Every parameter, weights then running statistics. */
    NDArray all() {
        return all;
    }

    /** The weights: the part gradients train. */
    NDArray weights() {
        return weights;
    }

    /** The batch-norm running statistics, which a training forward pass updates in place. */
    NDArray statistics() {
        return statistics;
    }

    /**
     * The weights' gradients, each fetched once: {@link Gradients#flat()} laid out as {@link
     * #weights()}, and the arrays themselves to zero after the update.
     */
    Gradients gradients(NDManager scope) {
        NDList parts = new NDList(weightViews.size());
        NDList flattened = new NDList(weightViews.size());
        for (NDArray view : weightViews) {
            NDArray gradient = view.getGradient();
            gradient.attach(scope); // this handle only; the gradient tensor stays with the view
            parts.add(gradient);
            flattened.add(gradient.reshape(-1));
        }
        return new Gradients(NDArrays.concat(flattened), parts);
    }

    /** One step's gradients: a flat copy, and the per-parameter arrays autograd accumulates into. */
    record Gradients(NDArray flat, NDList parts) {
        /** Sets every gradient to zero: subtracted, so only for finite gradients (NaN - NaN is NaN). */
        void zeroFinite() {
            for (NDArray gradient : parts) {
                gradient.subi(gradient);
            }
        }
    }

    /**
     * Sets every gradient to zero, whatever it holds; {@code scope} must be on the parameters'
     * device. Gradients that do not exist yet (no backward pass so far) are left alone.
     */
    void overwriteGradients(NDManager scope) {
        NDArray zero = scope.create(0f);
        for (NDArray view : weightViews) {
            NDArray gradient;
            try {
                gradient = view.getGradient();
            } catch (IllegalStateException none) {
                continue; // DJL's way of saying the tensor has no gradient yet
            }
            gradient.attach(scope);
            gradient.set(new NDIndex(":"), zero);
        }
    }

    private static void setArray(Parameter parameter, NDArray array) {
        try {
            ARRAY.set(parameter, array);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set a DJL parameter's array", e);
        }
    }

    private static Field arrayField() {
        try {
            Field field = Parameter.class.getDeclaredField("array");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DJL's Parameter has no field 'array' any more: see FlatParameters", e);
        }
    }
}
