package io.contrastream.service.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrainerThreadTest {

    @Test
    void dedicatedWorkRunsOnItsOneThreadInOrderBesideTheCaller() throws Exception {
        try (TrainerThread trainer = TrainerThread.dedicated()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = trainer.submit(() -> {
                release.await();
                return Thread.currentThread().getName();
            });
            CompletableFuture<Boolean> second = trainer.submit(first::isDone);
            assertThat(first).as("the caller goes on while the work runs").isNotDone();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("contrastream-trainer");
            assertThat(second.get(10, TimeUnit.SECONDS))
                    .as("one at a time, in order")
                    .isTrue();
        }
    }

    @Test
    void whatTheWorkThrowsReachesTheWaiterAsItWas() {
        try (TrainerThread trainer = TrainerThread.dedicated()) {
            IllegalStateException fault = new IllegalStateException("deep in a step");
            CompletableFuture<Object> failed = trainer.submit(() -> {
                throw fault;
            });
            assertThatThrownBy(() -> TrainerThread.await(failed)).isSameAs(fault);
            OutOfMemoryError oom = new OutOfMemoryError("device");
            assertThatThrownBy(() -> trainer.call(() -> {
                        throw oom;
                    }))
                    .isSameAs(oom);
            assertThat(trainer.call(() -> 42)).as("and the thread goes on").isEqualTo(42);
        }
    }

    @Test
    void callersRunTheWorkThemselvesBeforeSubmitReturns() {
        try (TrainerThread inline = TrainerThread.callers()) {
            CompletableFuture<String> ran =
                    inline.submit(() -> Thread.currentThread().getName());
            assertThat(ran).isCompletedWithValue(Thread.currentThread().getName());
            assertThat(inline.dedicatedThread()).isFalse();
        }
    }
}
