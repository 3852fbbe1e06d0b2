package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
  void swapped_attackPoolsReadTheHumanWrittenPrompts_andBenignPoolsTheHarvestingSets() {
    for (Corpus c : new Corpus[] {Corpus.bundled(), Corpus.locate(null, Path.of("").toAbsolutePath())}) {
      Corpus s = c.swapped();
      assertThat(s.pool(Corpus.Pool.ALPACA)).isSameAs(c.pool(Corpus.Pool.SHAREGPT));
      assertThat(s.pool(Corpus.Pool.SHAREGPT)).isSameAs(c.pool(Corpus.Pool.ALPACA));
      assertThat(s.pool(Corpus.Pool.CODE_ALPACA)).isSameAs(c.pool(Corpus.Pool.ARENA_HARD));
      assertThat(s.pool(Corpus.Pool.ARENA_HARD)).isSameAs(c.pool(Corpus.Pool.CODE_ALPACA));
      assertThat(s.pool(Corpus.Pool.GPTEACHER_CODEGEN)).isSameAs(c.pool(Corpus.Pool.OASST));
      assertThat(s.pool(Corpus.Pool.OASST)).isSameAs(c.pool(Corpus.Pool.GPTEACHER_CODEGEN));
      for (Corpus.Pool kept : new Corpus.Pool[] {Corpus.Pool.ORCA_SYSTEM, Corpus.Pool.OPENORCA,
          Corpus.Pool.SELF_INSTRUCT, Corpus.Pool.META_PROMPTS, Corpus.Pool.NATURAL_QUESTIONS,
          Corpus.Pool.HH_RLHF, Corpus.Pool.MT_BENCH, Corpus.Pool.AWESOME_PROMPTS}) {
        assertThat(s.pool(kept)).as(kept.name()).isSameAs(c.pool(kept));
      }
      assertThat(s.swapped().pool(Corpus.Pool.ALPACA)).isSameAs(c.pool(Corpus.Pool.ALPACA));
      assertThat(s.origin()).startsWith(c.origin()).contains("swapped");
    }
  }

  @Test
  void bundled_runsEveryPersona() {
    SimTestSupport.Capture cap = SimTestSupport.run(Scenario.named("smoke").withDays(0.5), 3, Corpus.bundled());
    assertThat(cap.lines).hasSizeGreaterThan(500);
  }

  @Test
  void locate_fromAModuleOfAClone_findsSharedDataBesideTheClone(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("shared/data/benign")).getParent();
    Path module = Files.createDirectories(dir.resolve("distillguard/sim"));
    assertThat(Corpus.findDataDir(module)).contains(data);
  }

  @Test
  void locate_fromThisClone_findsSharedData_whenItIsBesideTheClone() {
    // Tests run in sim/; the corpora sit in shared/data beside the clone on the team's machines
    // and in CI. A clone elsewhere has none (the simulator then uses its bundled sample).
    Path module = Path.of("").toAbsolutePath();
    Path beside = module.getParent().resolveSibling("shared").resolve("data");
    assumeTrue(Files.isDirectory(beside.resolve("benign")), "no shared/data beside this clone");
    assertThat(Corpus.findDataDir(module)).contains(beside);
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
