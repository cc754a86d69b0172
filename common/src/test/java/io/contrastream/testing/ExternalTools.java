package io.contrastream.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need a program or data set outside the JVM (promtool, prometheus, kcat,
 * docker-compose, the Fashion-MNIST package, PyTorch in Python) call this first. Where it is
 * missing the test is skipped with a message naming the package that brings it, so {@code mvn -B verify}
 * passes on a machine with a JDK alone. Where skipping would hide a gap, as in CI, set
 * {@code -Dcontrastream.requireTools=true} or {@code CONTRASTREAM_REQUIRE_TOOLS=true}: a missing
 * tool then fails the test.
 */
public final class ExternalTools {

    public static final String REQUIRE_PROPERTY = "contrastream.requireTools";
    public static final String REQUIRE_ENV = "CONTRASTREAM_REQUIRE_TOOLS";

    private ExternalTools() {}

    /** Skips (or, when tools are required, fails) unless {@code program} is on the PATH. */
    public static void requireProgram(String program, String debianPackage) {
        require(onPath(program), "'" + program + "' is not on the PATH", debianPackage);
    }

    /**
     * For a test that can do without the program (kcat: the same bytes can come from the Java
     * producer): true if it is on the PATH; false, with a note, if not; a failure if tools are
     * required.
     */
    public static boolean available(String program, String debianPackage) {
        boolean present = onPath(program);
        if (!present) {
            String message = "'" + program + "' is not on the PATH; install it with: apt-get install " + debianPackage;
            if (required()) {
                fail(message + " (tools are required: " + REQUIRE_PROPERTY + " / " + REQUIRE_ENV + ")");
            }
            System.err.println("note: " + message + "; this test goes on without it");
        }
        return present;
    }

    /**
     * Skips (or, when tools are required, fails) unless {@code python} runs and imports {@code
     * module}, which {@code pip install <pipPackage>} brings.
     */
    public static void requirePythonModule(String python, String module, String pipPackage) {
        boolean present;
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + module)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            present = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        requireWithHint(present, python + " cannot import " + module, "pip install " + pipPackage);
    }

    /** Skips (or, when tools are required, fails) unless {@code path} exists. */
    public static void requireFile(Path path, String debianPackage) {
        require(Files.exists(path), path + " does not exist", debianPackage);
    }

    private static void require(boolean present, String what, String debianPackage) {
        requireWithHint(present, what, "apt-get install " + debianPackage);
    }

    private static void requireWithHint(boolean present, String what, String install) {
        String message = what + "; install it with: " + install;
        if (!present && required()) {
            fail(message + " (tools are required: " + REQUIRE_PROPERTY + " / " + REQUIRE_ENV + ")");
        }
        assumeTrue(present, "skipped: " + message);
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, System.getenv(REQUIRE_ENV)));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
