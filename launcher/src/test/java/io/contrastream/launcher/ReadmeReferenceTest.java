package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.config.Setting;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's reference sections stay in step with the code that defines them. */
class ReadmeReferenceTest {

    static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void everyOptionOfEveryCommandIsDocumentedWithItsEnvironmentVariable() throws Exception {
        String readme = readme();
        for (Command c : Main.commands()) {
            for (Setting s : c.settings()) {
                assertThat(readme).as(c.name() + " " + s.flag()).contains("| `" + s.flag() + "` | `" + s.envVar() + "` |");
            }
        }
    }

    @Test
    void everyStatisticAndRejectReasonIsDocumented() throws Exception {
        String readme = readme();
        for (Statistic s : Statistic.values()) {
            assertThat(readme).contains("| `" + s.field() + "` | `" + s.gauge());
        }
        for (RejectReason r : RejectReason.values()) {
            assertThat(readme).contains("`" + r.code() + "`");
        }
    }

    @Test
    void theTwoSetUpCommandsAreTheOnesCiAndTheLauncherUse() throws Exception {
        String readme = readme();
        assertThat(readme).contains("./contrastream demo --max-steps 300").contains("mvn -B verify");
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("\nmvn -B verify\n");
    }
}
