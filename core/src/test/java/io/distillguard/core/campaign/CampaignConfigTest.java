package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillguard.core.detect.DetectorConfig;
import org.junit.jupiter.api.Test;

class CampaignConfigTest {

  @Test
  void fromDetectorConfig_takesItsVerdictThresholds() {
    CampaignConfig c = CampaignConfig.from(DetectorConfig.defaults().withThresholds(0.4, 0.7));
    assertThat(c.suspiciousThreshold()).isEqualTo(0.4);
    assertThat(c.distillationThreshold()).isEqualTo(0.7);
    assertThat(c.postingCapacity()).isEqualTo(CampaignConfig.defaults().postingCapacity());
    assertThat(CampaignLinkers.createDefault(DetectorConfig.defaults())).isNotNull();
  }

  @Test
  void badSetting_failsNamingTheSetting() {
    assertThatThrownBy(() -> CampaignConfig.defaults().withReclusterInterval(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reclusterIntervalMillis");
    assertThatThrownBy(() -> CampaignConfig.defaults().withThresholds(0.9, 0.5))
        .hasMessageContaining("suspiciousThreshold");
  }
}
