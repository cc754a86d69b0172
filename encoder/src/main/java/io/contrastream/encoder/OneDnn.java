package io.contrastream.encoder;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libtorch's oneDNN kernels at AVX (no AVX2, no AVX-512) unless the user chose otherwise. On
 * an AMD EPYC with AVX-512 (Zen 5), oneDNN as bundled in DJL's libtorch 2.7.1 gets the first
 * convolution's gradients wrong: with AVX-512 kernels they are NaN now and then with more than one
 * intra-op thread (5-37 of the 120 steps of {@code ManyThreadsStepTest}; training would skip those
 * steps), with AVX2 kernels the losses leave PyTorch 2.13's by 5e-4 after the first update and
 * 4.5e-3 by step 11 ({@code PytorchReferenceTest}). With AVX or SSE4.1 kernels they agree within
 * 1e-6, as PyTorch 2.13 agrees with itself at every cap. oneDNN reads {@value #VARIABLE} when it
 * first dispatches a kernel, so setting it in this process before any network runs is enough; the
 * encoders call {@link #capIsa()} before they build one.
 */
public final class OneDnn {

    /** oneDNN's cap on the instruction set its kernels use (DNNL_MAX_CPU_ISA is its older name). */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** The cap: AVX kernels, the widest that computed the same step as PyTorch there. */
    public static final String CAP = "AVX";

    private static final Logger log = LoggerFactory.getLogger(OneDnn.class);
    private static volatile boolean done;

    private OneDnn() {}

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets the cap in this process's environment, once, unless the user set either variable. */
    public static synchronized void capIsa() {
        if (done) {
            return;
        }
        done = true;
        if (System.getenv(VARIABLE) != null || System.getenv("DNNL_MAX_CPU_ISA") != null) {
            return;
        }
        try {
            Native.load("c", C.class).setenv(VARIABLE, CAP, 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.warn(
                    "could not set {}={} ({}); on some AVX-512 CPUs training may meet NaN gradients",
                    VARIABLE,
                    CAP,
                    e.toString());
        }
    }
}
