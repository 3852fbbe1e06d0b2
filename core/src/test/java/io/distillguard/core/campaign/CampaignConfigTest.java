package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignConfigTest {

  @Test
  void campaignThresholds_areCampaignSettings_notTheAccountModels() {
    CampaignConfig c = CampaignConfig.from(DetectorConfig.defaults().withThresholds(0.4, 0.7));
    assertThat(c.suspiciousThreshold()).isEqualTo(0.5);
    assertThat(c.distillationThreshold()).isEqualTo(0.8);
    assertThat(CampaignConfig.from(withCampaign("{\"distillationThreshold\":0.9}")).distillationThreshold())
        .isEqualTo(0.9);
    assertThat(CampaignLinkers.createDefault(DetectorConfig.defaults())).isNotNull();
  }

  private static DetectorConfig withCampaign(String campaignJson) {
    String json =
        "{\"version\":\"t\",\"thresholds\":{\"suspicious\":0.5,\"distillation\":0.85},"
            + "\"model\":{\"bias\":-2,\"evidence_half_events\":0,\"min_events_for_distillation\":1,"
            + "\"weights\":{}},\"campaign\":" + campaignJson + "}";
    return DetectorConfig.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void campaignRiskWeights_comeFromTheConfigFile() {
    CampaignConfig c = CampaignConfig.from(
        withCampaign("{\"behaviourWeight\":0.5,\"uncorroboratedFullSize\":20}"));
    assertThat(c.behaviourWeight()).isEqualTo(0.5);
    assertThat(c.uncorroboratedFullSize()).isEqualTo(20);
    assertThat(c.pivotWeight()).isEqualTo(CampaignConfig.defaults().pivotWeight());
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"coordinationWeight\":1.5}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinationWeight");
  }

  @Test
  void coordinationLift_comesFromTheConfigFile_andMovesTheCampaignVerdict() {
    assertThat(CampaignConfig.defaults().coordinationLiftFloor()).isEqualTo(1.5);
    assertThat(CampaignConfig.defaults().coordinationLiftSpan()).isEqualTo(2.5);
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"coordinationLiftSpan\":0}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinationLiftSpan");
    CampaignConfig strict = CampaignConfig.from(withCampaign("{\"coordinationLiftFloor\":3.0}"));
    assertThat(strict.coordinationLiftFloor()).isEqualTo(3.0);
    // 200 workers tied by one prompt, each at 2.6x an ordinary account's risk: flagged at the
    // shipped floor of 1.5x, not when the operator asks for 3x before coordination counts.
    assertThat(largeTiedCampaignVerdict(CampaignConfig.defaults())).isEqualTo(Verdict.DISTILLATION);
    assertThat(largeTiedCampaignVerdict(strict)).isNotEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void separateOperationSize_comesFromTheConfigFile_andMovesThePartition() {
    assertThat(CampaignConfig.defaults().separateOperationMinSize()).isEqualTo(20);
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"separateOperationMinSize\":1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("separateOperationMinSize");
    // A hydra whose workers partly keep to a low-and-slow campaign's prompt: apart at the shipped
    // size, one campaign when no group of 60 counts as an operation of its own.
    CampaignConfig never = CampaignConfig.from(withCampaign("{\"separateOperationMinSize\":1000}"));
    CampaignLinkerTest.SharedPrompt t = CampaignLinkerTest.SharedPrompt.build();
    CampaignLinker linker = t.stream().run(CampaignLinkers.create(never));
    assertThat(linker.campaignOf(t.slow().get(0)).accounts()).containsAll(t.hydra());
  }

  @Test
  void independenceSettings_comeFromTheConfigFile_andDecideWhetherAClientsUsersAreACampaign() {
    assertThat(CampaignConfig.defaults().independentConversationShare()).isEqualTo(0.15);
    assertThat(CampaignConfig.defaults().independentCreationSpread()).isEqualTo(0.5);
    for (String bad : List.of("{\"independentConversationShare\":0}",
        "{\"independentConversationShare\":1.5}", "{\"independentCreationSpread\":0}")) {
      assertThatThrownBy(() -> CampaignConfig.from(withCampaign(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("independent");
    }
    // Users of one chat client, 30% of whose requests follow up their own: people at the
    // shipped 15%, a campaign when the operator asks for conversation on every request.
    CampaignConfig strict =
        CampaignConfig.from(withCampaign("{\"independentConversationShare\":1}"));
    assertThat(CampaignLinkerTest.flagsAnyClientUser(
        CampaignLinkerTest.chatClientUsers(CampaignConfig.defaults(), 0.3, 200 * Traffic.DAY, 12)))
        .isFalse();
    assertThat(CampaignLinkerTest.flagsAnyClientUser(
        CampaignLinkerTest.chatClientUsers(strict, 0.3, 200 * Traffic.DAY, 12)))
        .isTrue();
  }

  private static Verdict largeTiedCampaignVerdict(CampaignConfig config) {
    CampaignLinkerTest.Stream s = new CampaignLinkerTest.Stream(41);
    s.benign(500, 6, 5 * Traffic.DAY);
    List<String> workers = s.lowAndSlow("large-", 200, 5, 8, 0.13, (t, i) -> t.system(4242));
    CampaignAssessment c = s.run(CampaignLinkers.create(config)).campaignOf(workers.get(0));
    return c == null ? Verdict.BENIGN : c.verdict();
  }

  @Test
  void shippedConfigFile_setsEveryLinkerSetting() throws IOException {
    JsonNode campaign;
    try (InputStream in = DetectorConfig.class.getResourceAsStream(DetectorConfig.RESOURCE)) {
      campaign = new ObjectMapper().readTree(in).get("campaign");
    }
    List<String> missing = new ArrayList<>();
    for (RecordComponent c : CampaignConfig.class.getRecordComponents()) {
      String name = c.getName();
      if (!campaign.has(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).isEmpty();
    assertThat(CampaignConfig.defaults().reclusterIntervalMillis())
        .isEqualTo(campaign.get("reclusterIntervalMillis").asLong());
    assertThat(CampaignConfig.defaults().distillationThreshold())
        .isEqualTo(campaign.get("distillationThreshold").asDouble());
  }

  @Test
  void misspelledOrFractionalSetting_failsInsteadOfBeingIgnored() {
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"contentMaxDF\":300}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting 'contentMaxDF'");
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"maxEdgesPerAccount\":47.5}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaign.maxEdgesPerAccount must be a whole number");
  }

  @Test
  void memoryBudgets_areBoundedWhateverTheFileSays() {
    assertThatThrownBy(() -> CampaignConfig.from(withCampaign("{\"postingCapacity\":1000000000}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postingCapacity must be in [1, 1024]");
    assertThat(CampaignConfig.from(withCampaign("{\"maxEdgesPerAccount\":1024}")).maxEdgesPerAccount())
        .isEqualTo(1024);
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
