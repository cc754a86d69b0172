package io.contrastream.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Python of docs/binary-formats.md, run as a user would run it: its reader reads what the
 * service writes, and what its writer writes the service reads.
 */
class BinaryFormatsPythonTest {

    @Test
    void theDocumentedPythonReadsOurEmbeddingsAndWritesPairsWeRead() throws Exception {
        ExternalTools.requireProgram("python3", "python3");
        String doc = Files.readString(Path.of("..", "docs", "binary-formats.md"));
        Matcher blocks = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        StringBuilder code = new StringBuilder();
        while (blocks.find()) {
            code.append(blocks.group(1)).append('\n');
        }
        assertThat(code).as("the page's Python").contains("def read_embedding", "def write_pair");
        byte[] embedding = EmbeddingCodec.encode(
                "img-7", new EmbeddingRecord("m1", 12, 34, new float[] {0.6f, -0.8f}), EmbeddingFormat.BINARY);
        code.append("import sys\n")
                .append("print(read_embedding(bytes.fromhex(sys.argv[1])))\n")
                .append("print(write_pair(b'\\x01\\x02\\x03', b'\\x04\\x05', 3, 99).hex())\n")
                .append("print(write_pair(b'\\x01', b'\\x02').hex())\n");
        Path script = Files.createTempFile("binary-formats", ".py");
        Files.writeString(script, code);
        Process p = new ProcessBuilder(
                        "python3", script.toString(), HexFormat.of().formatHex(embedding))
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out.get(0)).startsWith("('img-7', 'm1', 12, 34, (0.6000000238418579, -0.800000011920929))");
        ImagePair pair = ImagePairCodec.decode(HexFormat.of().parseHex(out.get(1)));
        assertThat(pair.view1()).containsExactly(1, 2, 3);
        assertThat(pair.view2()).containsExactly(4, 5);
        assertThat(pair.label()).isEqualTo(3);
        assertThat(pair.timestampMs()).isEqualTo(99);
        ImagePair bare = ImagePairCodec.decode(HexFormat.of().parseHex(out.get(2)));
        assertThat(bare.label()).isNull();
        assertThat(bare.timestampMs()).isNull();
        Files.delete(script);
    }
}
