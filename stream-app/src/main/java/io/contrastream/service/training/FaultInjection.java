package io.contrastream.service.training;

/**
 * A fault switched on only by a system property, for testing that one record cannot stop the
 * service: with {@code -Dcontrastream.fault.key=K}, a training step whose batch holds the sample
 * id K throws from inside the step, after the forward pass. Off (and free) otherwise.
 */
public final class FaultInjection {

    /** The system property naming the poisoned sample id. */
    public static final String KEY_PROPERTY = "contrastream.fault.key";

    private FaultInjection() {}

    static void maybeFail(String[] ids) {
        String poisoned = System.getProperty(KEY_PROPERTY);
        if (poisoned == null) {
            return;
        }
        for (String id : ids) {
            if (poisoned.equals(id)) {
                throw new IllegalStateException(
                        "injected fault: sample '" + id + "' is poisoned (" + KEY_PROPERTY + ")");
            }
        }
    }
}
