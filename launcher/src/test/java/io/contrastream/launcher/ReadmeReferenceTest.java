package io.contrastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.config.Setting;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
                assertThat(readme)
                        .as(c.name() + " " + s.flag())
                        .contains("| `" + s.flag() + "` | `" + s.envVar() + "` |");
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
    void theModuleTableNamesEveryModuleAndPackage() throws Exception {
        String readme = readme();
        String table =
                readme.substring(readme.indexOf("| module | packages |"), readme.indexOf("The topology is built"));
        for (String module :
                List.of("image", "common", "encoder", "producer", "stream-app", "experiments", "launcher")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertThat(table).as("module " + module).contains("| `" + module + "` |");
            String row = table.lines()
                    .filter(l -> l.startsWith("| `" + module + "` |"))
                    .findFirst()
                    .orElseThrow();
            try (Stream<Path> files = Files.walk(sources)) {
                for (String pkg : files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> sources.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                        .collect(Collectors.toCollection(TreeSet::new))) {
                    String last = pkg.substring(pkg.lastIndexOf('.'));
                    assertThat(row)
                            .as("package " + pkg + " in the module table's row of " + module)
                            .containsAnyOf("`" + pkg + "`", "`" + last + "`");
                }
            }
        }
    }

    @Test
    void theTwoSetUpCommandsAreTheOnesCiAndTheLauncherUse() throws Exception {
        String readme = readme();
        assertThat(readme).contains("./contrastream demo --max-steps 300").contains("./mvnw -B verify");
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("\n./mvnw -B verify\n");
    }
}
