package io.contrastream.service.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Chooses where the model lives: a GPU when DJL reports one, else the CPU, unless told. */
public final class Devices {

    private Devices() {}

    public static Device select(String preference) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        switch (preference.toLowerCase(Locale.ROOT)) {
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalStateException(
                            "--device gpu, but the PyTorch engine sees no GPU (is a CUDA libtorch on"
                                    + " PYTORCH_LIBRARY_PATH and the CPU native jar left out? see README)");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + preference);
        }
    }
}
