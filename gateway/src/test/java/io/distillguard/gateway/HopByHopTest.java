package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HopByHopTest {

  @Test
  void isHopByHop_everyListedNameInAnyCase_isRecognised() {
    for (String n : ProxyHandler.HOP_BY_HOP) {
      assertThat(ProxyHandler.isHopByHop(n)).as(n).isTrue();
      assertThat(ProxyHandler.isHopByHop(n.toUpperCase(Locale.ROOT))).as(n).isTrue();
      String mixed = Character.toUpperCase(n.charAt(0)) + n.substring(1);
      assertThat(ProxyHandler.isHopByHop(mixed)).as(mixed).isTrue();
    }
  }

  @Test
  void isHopByHop_endToEndHeaders_areKept() {
    for (String n : new String[] {"authorization", "content-type", "user-agent", "x-api-key", "accept",
        "openai-organization", "anthropic-version", "tea", "hosts", "", "x"}) {
      assertThat(ProxyHandler.isHopByHop(n)).as(n).isFalse();
    }
  }

  @Test
  void isHopByHop_anyName_agreesWithTheSetLookup() {
    qt().withExamples(2000)
        .forAll(strings().betweenCodePoints(32, 126).ofLengthBetween(0, 20))
        .checkAssert(n -> assertThat(ProxyHandler.isHopByHop(n))
            .as(n)
            .isEqualTo(ProxyHandler.HOP_BY_HOP.contains(n.toLowerCase(Locale.ROOT))));
  }
}
