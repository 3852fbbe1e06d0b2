package io.distillguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {

  private static DetectorConfig load(String json) {
    return DetectorConfig.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void defaults_everySignalHasADocumentedWeight() throws Exception {
    DetectorConfig c = DetectorConfig.defaults();
    assertThat(c.version()).isNotBlank();
    assertThat(c.weights().keySet()).containsExactlyInAnyOrder(Signal.values());
    assertThat(c.suspiciousThreshold()).isLessThan(c.distillationThreshold());
    java.nio.file.Path doc = java.nio.file.Path.of("../docs/detector-config.md");
    if (java.nio.file.Files.exists(doc)) {
      String text = java.nio.file.Files.readString(doc);
      for (Signal s : Signal.values()) {
        assertThat(text).as("docs/detector-config.md documents %s", s.json()).contains("`" + s.json() + "`");
      }
    }
  }

  @Test
  void load_unknownSignal_errorNamesIt() {
    assertThatThrownBy(() -> load("""
        {"version":"x","thresholds":{"suspicious":0.5,"distillation":0.8},
         "model":{"bias":-3,"evidence_half_events":10,"min_events_for_distillation":5,
                  "weights":{"no_such_signal":1}}}"""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_signal");
  }

  @Test
  void load_thresholdsOutOfOrder_errorNamesSetting() {
    assertThatThrownBy(() -> load("""
        {"version":"x","thresholds":{"suspicious":0.9,"distillation":0.8},
         "model":{"bias":-3,"evidence_half_events":10,"min_events_for_distillation":5,"weights":{}}}"""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thresholds.distillation");
  }

  @Test
  void load_notJson_rejectedWithoutEchoingInput() {
    assertThatThrownBy(() -> load("{\"version\": secret-api-key-sk-123"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @Test
  void load_missingWeightsMeanZero_andCampaignParamsKept() {
    DetectorConfig c = load("""
        {"version":"t","thresholds":{"suspicious":0.4,"distillation":0.7},
         "model":{"bias":-2,"evidence_half_events":0,"min_events_for_distillation":1,
                  "weights":{"meta_reasoning_share":5}},
         "campaign":{"min_size":4}}""");
    assertThat(c.weight(Signal.META_REASONING_SHARE)).isEqualTo(5);
    assertThat(c.weight(Signal.IP_CHURN)).isZero();
    assertThat(c.campaign()).containsExactly(java.util.Map.entry("min_size", 4.0));
    assertThat(c.verdictOf(0.75)).isEqualTo(Verdict.DISTILLATION);
    assertThat(c.verdictOf(0.5)).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(c.verdictOf(0.1)).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void load_nonNumericCampaignSetting_failsNamingIt() {
    assertThatThrownBy(() -> load("""
        {"version":"t","thresholds":{"suspicious":0.4,"distillation":0.7},
         "model":{"bias":-2,"evidence_half_events":0,"min_events_for_distillation":1,"weights":{}},
         "campaign":{"contentMaxDf":"300"}}"""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaign.contentMaxDf");
  }
}
