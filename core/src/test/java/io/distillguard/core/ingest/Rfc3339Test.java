package io.distillguard.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void parse_randomInstantsAndOffsets_matchesJavaTime() {
    qt().withExamples(5000)
        .forAll(longs().between(-62_000_000_000_000L, 253_000_000_000_000L),
            integers().between(-18 * 60, 18 * 60))
        .checkAssert((millis, offMin) -> {
          OffsetDateTime t = Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofTotalSeconds(offMin * 60));
          String s = t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx"));
          assertThat(Rfc3339.parseMillis(s)).as(s).isEqualTo(millis);
        });
  }

  @Test
  void parse_invalidText_invalid() {
    for (String s : new String[] {"", "2026-11-02", "2026-11-02T14:03:11", "2026-11-02T24:00:00Z",
        "2026-11-02T14:60:00Z", "2026-11-31T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-02T14:03:11+24:00",
        "2026-11-02X14:03:11Z", "2026-11-02T14:03:11ZZ", "+2026-11-02T14:03:11Z", "2026-11-02T14:03:1aZ"}) {
      assertThat(Rfc3339.parseMillis(s)).as(s).isEqualTo(Rfc3339.INVALID);
    }
  }

  @Test
  void parse_offsetMovesInstantOutsideYears0000To9999_invalid() {
    assertThat(Rfc3339.parseMillis("9999-12-31T23:59:59-00:01")).isEqualTo(Rfc3339.INVALID);
    assertThat(Rfc3339.parseMillis("9999-12-31T23:59:60Z")).isEqualTo(Rfc3339.INVALID);
    assertThat(Rfc3339.parseMillis("0000-01-01T00:00:00+00:01")).isEqualTo(Rfc3339.INVALID);
  }

  @Test
  void parse_firstAndLastInstantOfYears0000To9999_valid() {
    assertThat(Rfc3339.parseMillis("0000-01-01T00:00:00Z")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z").toEpochMilli());
    assertThat(Rfc3339.parseMillis("9999-12-31T23:59:59.999Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli());
    assertThat(Rfc3339.parseMillis("0001-01-01T00:00:00+23:59")).isEqualTo(Instant.parse("0000-12-31T00:01:00Z").toEpochMilli());
  }
}
