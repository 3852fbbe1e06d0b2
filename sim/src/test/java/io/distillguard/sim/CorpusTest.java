package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

  @Test
  void bundled_holdsOnlyPermissivelyLicensedPools() {
    Corpus c = Corpus.bundled();
    assertThat(c.has(Corpus.Pool.SHAREGPT)).isFalse();
    assertThat(c.has(Corpus.Pool.ALPACA)).isFalse();
    assertThat(c.has(Corpus.Pool.CODE_ALPACA)).isFalse();
    assertThat(c.has(Corpus.Pool.ORCA_SYSTEM)).isFalse();
    assertThat(c.has(Corpus.Pool.OASST)).isTrue();
    assertThat(c.has(Corpus.Pool.OPENORCA)).isTrue();
    // missing pools fall back to permissive ones
    assertThat(c.pool(Corpus.Pool.ALPACA)).isSameAs(c.pool(Corpus.Pool.SELF_INSTRUCT));
    assertThat(c.pool(Corpus.Pool.ORCA_SYSTEM).get(0).system()).isNotNull();
  }

  @Test
  void bundled_runsEveryPersona() {
    SimTestSupport.Capture cap = SimTestSupport.run(Scenario.named("smoke").withDays(0.5), 3, Corpus.bundled());
    assertThat(cap.lines).hasSizeGreaterThan(500);
  }

  @Test
  void locate_fromRepoDirectory_findsSharedData() {
    // tests run in sim/, two levels below the directory that holds shared/ beside the clone
    assertThat(Corpus.findDataDir(Path.of("").toAbsolutePath())).isPresent();
    assertThat(SimTestSupport.CORPUS.has(Corpus.Pool.SHAREGPT)).isTrue();
  }

  @Test
  void load_garbageLines_areSkipped(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("benign"));
    Files.writeString(dir.resolve("benign/oasst_prompts.jsonl"),
        "not json\n{\"prompt\": 3}\n{\"prompt\":\"\"}\n\n{\"prompt\":\"a real one\"}\n[1,2]\n");
    Corpus c = Corpus.load(dir);
    assertThat(c.pool(Corpus.Pool.OASST)).extracting(Corpus.Entry::prompt).containsExactly("3", "a real one");
  }
}
