package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  static final DateTimeFormatter REF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void format_anyMillisInRange_equalsJavaTimeFormatting() {
    Rfc3339 f = new Rfc3339();
    // years 1970..2999, including jumps back and forth across days (the cache must follow)
    qt().forAll(longs().between(0, 32_503_680_000_000L - 1))
        .checkAssert(ms -> assertThat(f.format(ms)).isEqualTo(REF.format(Instant.ofEpochMilli(ms))));
  }

  @Test
  void format_scenarioStart_isExact() {
    assertThat(new Rfc3339().format(Instant.parse("2026-11-02T14:03:11.482Z").toEpochMilli()))
        .isEqualTo("2026-11-02T14:03:11.482Z");
  }
}
