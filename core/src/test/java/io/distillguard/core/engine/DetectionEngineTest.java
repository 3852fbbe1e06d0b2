package io.distillguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.campaign.CampaignLinker;
import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.detect.Reason;
import io.distillguard.core.detect.RiskScorer;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.profile.Personas;
import io.distillguard.core.profile.Personas.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

  private static final DetectorConfig CONFIG = DetectorConfig.defaults();

  /** Engine whose feature function looks the hand-built features up by exchange identity. */
  private static DetectionEngine engine(List<Event> events, CampaignLinker linker) {
    Map<Exchange, ExchangeFeatures> fx = new IdentityHashMap<>();
    for (Event e : events) {
      fx.put(e.exchange(), e.features());
    }
    return DetectionEngine.create(CONFIG, linker, fx::get);
  }

  private static List<Event> merged(List<List<Event>> streams) {
    List<Event> all = new ArrayList<>();
    streams.forEach(all::addAll);
    all.sort(Comparator.comparingLong(e -> e.exchange().tsMillis()));
    return all;
  }

  @Test
  void observe_attackerStream_flagsAtTheCrossingEventAndNeverLooksAhead() {
    List<Event> events = Personas.cotHarvester("atk", 300, 1);
    DetectionEngine engine = engine(events, null);
    RiskScorer scorer = new RiskScorer(CONFIG);
    io.distillguard.core.profile.AccountProfile replay = new io.distillguard.core.profile.AccountProfile();
    long expectedFlagTs = Assessment.NEVER;
    long expectedBefore = -1;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      replay.update(e.exchange(), e.features());
      if (expectedFlagTs == Assessment.NEVER && scorer.risk(replay) >= CONFIG.distillationThreshold()) {
        expectedFlagTs = e.exchange().tsMillis();
        expectedBefore = i + 1;
      }
      Assessment a = engine.observe(e.exchange());
      assertThat(a.firstFlaggedAtMillis()).isEqualTo(expectedFlagTs);
      assertThat(a.events()).isEqualTo(i + 1);
    }
    Assessment last = engine.assessment("atk");
    assertThat(last.verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(last.eventsBeforeFlag()).isEqualTo(expectedBefore);
    assertThat(last.flaggedByCampaign()).isFalse();
    assertThat(expectedBefore).isBetween((long) CONFIG.minEventsForDistillation(), 100L);
    assertThat(last.reasons()).isNotEmpty();
    assertThat(engine.events()).isEqualTo(300);
  }

  @Test
  void observe_flagIsSticky_evenIfRiskLaterDrops() {
    List<Event> attack = Personas.cotHarvester("x", 120, 2);
    long tsEnd = attack.get(attack.size() - 1).exchange().tsMillis();
    List<Event> benign = new ArrayList<>();
    for (Event e : Personas.batchLabeller("x", 4000, 2)) {
      Exchange ex = e.exchange();
      Exchange shifted = new Exchange(ex.tsMillis() - Personas.T0 + tsEnd + 1, ex.requestId(), "x", null, null,
          ex.client(), ex.account(), ex.endpoint(), ex.model(), ex.request(), ex.response());
      benign.add(new Event(shifted, e.features()));
    }
    List<Event> all = new ArrayList<>(attack);
    all.addAll(benign);
    DetectionEngine engine = engine(all, null);
    all.forEach(e -> engine.observe(e.exchange()));
    Assessment a = engine.assessment("x");
    assertThat(a.flagged()).isTrue();
    assertThat(a.firstFlaggedAtMillis()).isLessThanOrEqualTo(tsEnd);
    assertThat(a.verdict()).isNotEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void assessments_mixedPopulation_everyAccountOnceAttackersAboveBenign() {
    List<Event> all = merged(List.of(
        Personas.cotHarvester("atk-cot", 300, 3),
        Personas.metaHarvester("atk-meta", 300, 3),
        Personas.batchLabeller("batch", 3000, 3),
        Personas.evalHarness("eval", 1500, 3),
        Personas.ragApp("rag", 1500, 3),
        Personas.reseller("resell", 3000, 3, 0),
        Personas.casual("casual", 100, 3)));
    DetectionEngine engine = engine(all, null);
    all.forEach(e -> engine.observe(e.exchange()));
    Map<String, Assessment> byId = new HashMap<>();
    engine.assessments().forEach(a -> byId.put(a.accountId(), a));
    assertThat(byId).hasSize(7);
    assertThat(byId.get("atk-cot").verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(byId.get("atk-meta").verdict()).isEqualTo(Verdict.DISTILLATION);
    for (String b : List.of("batch", "eval", "rag", "resell", "casual")) {
      assertThat(byId.get(b).verdict()).as(b).isEqualTo(Verdict.BENIGN);
      assertThat(byId.get(b).flagged()).as(b).isFalse();
      assertThat(byId.get(b).eventsBeforeFlag()).isEqualTo(-1);
    }
    assertThat(engine.campaigns()).isEmpty();
  }

  @Test
  void observe_sameStreamTwice_sameAssessments() {
    List<Event> all = merged(List.of(Personas.cotHarvester("a", 200, 4), Personas.ragApp("b", 500, 4)));
    DetectionEngine e1 = engine(all, null);
    DetectionEngine e2 = engine(all, null);
    for (Event e : all) {
      assertThat(e2.observe(e.exchange())).isEqualTo(e1.observe(e.exchange()));
    }
  }

  @Test
  void assessment_unknownAccount_null() {
    assertThat(engine(List.of(), null).assessment("nobody")).isNull();
  }

  /**
   * A recording linker that puts named accounts into one campaign flagged at a given time, to check
   * how the engine inherits campaign risk and flag times (the real linker is tested in campaign/).
   */
  private static final class FixedCampaignLinker implements CampaignLinker {
    final List<String> members;
    final long flagAt;
    final List<Double> risksSeen = new ArrayList<>();
    long lastTs = Long.MIN_VALUE;

    final double risk;

    FixedCampaignLinker(List<String> members, long flagAt) {
      this(members, flagAt, 0.97);
    }

    FixedCampaignLinker(List<String> members, long flagAt, double risk) {
      this.members = members;
      this.flagAt = flagAt;
      this.risk = risk;
    }

    @Override
    public void observe(Exchange exchange, ExchangeFeatures features, double accountRisk,
        boolean followsUp) {
      lastTs = exchange.tsMillis();
      risksSeen.add(accountRisk);
    }

    private CampaignAssessment campaign() {
      return new CampaignAssessment("C-0001", members, risk, Verdict.DISTILLATION, flagAt,
          List.of(new Reason("shared_prompt_templates", 12, 0.5, "12 rare prompt templates shared by 3 accounts")),
          List.of());
    }

    @Override
    public CampaignAssessment campaignOf(String accountId) {
      return lastTs >= flagAt && members.contains(accountId) ? campaign() : null;
    }

    @Override
    public long linkedFlagTime(String accountId) {
      return lastTs >= flagAt && members.contains(accountId) ? flagAt : Assessment.NEVER;
    }

    @Override
    public List<CampaignAssessment> campaigns() {
      return lastTs >= flagAt ? List.of(campaign()) : List.of();
    }
  }

  @Test
  void assessments_campaignMember_inheritsRiskReasonAndEarlierFlagTime() {
    List<Event> all = merged(List.of(Personas.casual("slow-1", 60, 5), Personas.casual("slow-2", 60, 6),
        Personas.ragApp("bystander", 300, 5)));
    long flagAt = all.get(all.size() / 2).exchange().tsMillis();
    FixedCampaignLinker linker = new FixedCampaignLinker(List.of("slow-1", "slow-2"), flagAt);
    DetectionEngine engine = engine(all, linker);
    all.forEach(e -> engine.observe(e.exchange()));
    Map<String, Assessment> byId = new HashMap<>();
    engine.assessments().forEach(a -> byId.put(a.accountId(), a));

    Assessment s1 = byId.get("slow-1");
    assertThat(s1.campaignId()).isEqualTo("C-0001");
    assertThat(s1.risk()).isEqualTo(0.97);
    assertThat(s1.verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(s1.firstFlaggedAtMillis()).isEqualTo(flagAt);
    assertThat(s1.eventsBeforeFlag()).isBetween(1L, 60L);
    assertThat(s1.flaggedByCampaign()).isTrue();
    assertThat(s1.reasons().get(0).signal()).isEqualTo("campaign_membership");
    assertThat(s1.reasons().get(0).detail()).startsWith("Member of C-0001 (2 accounts");
    assertThat(byId.get("bystander").campaignId()).isNull();
    assertThat(byId.get("bystander").flagged()).isFalse();
    assertThat(byId.get("bystander").flaggedByCampaign()).isFalse();
    assertThat(linker.risksSeen).hasSize(all.size()).allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
    assertThat(engine.campaigns()).hasSize(1);
  }

  @Test
  void assessments_memberOfACampaignFlaggedBelowTheAccountThreshold_getsTheCampaignsVerdict() {
    // campaign thresholds are their own (0.8); the account model's distillation threshold is higher
    double campaignRisk = (0.8 + CONFIG.distillationThreshold()) / 2;
    assertThat(campaignRisk).isLessThan(CONFIG.distillationThreshold());
    List<Event> all = merged(List.of(Personas.casual("slow-1", 60, 5), Personas.casual("slow-2", 60, 6)));
    long flagAt = all.get(all.size() / 2).exchange().tsMillis();
    DetectionEngine engine = engine(all, new FixedCampaignLinker(List.of("slow-1"), flagAt, campaignRisk));
    all.forEach(e -> engine.observe(e.exchange()));

    Assessment member = engine.assessment("slow-1");
    assertThat(member.risk()).isEqualTo(campaignRisk);
    assertThat(member.verdict()).isEqualTo(Verdict.DISTILLATION);
    assertThat(member.flagged()).isTrue();
    assertThat(engine.assessment("slow-2").verdict()).isEqualTo(Verdict.BENIGN);
  }

  @Test
  void assessments_memberFlaggedOnItsOwnBeforeItsCampaign_firstFlagIsTheAccounts() {
    List<Event> all = merged(List.of(Personas.cotHarvester("atk", 300, 1), Personas.casual("quiet", 300, 2)));
    long flagAt = all.get(all.size() - 10).exchange().tsMillis();
    DetectionEngine engine = engine(all, new FixedCampaignLinker(List.of("atk", "quiet"), flagAt));
    all.forEach(e -> engine.observe(e.exchange()));
    Map<String, Assessment> byId = new HashMap<>();
    engine.assessments().forEach(a -> byId.put(a.accountId(), a));

    Assessment atk = byId.get("atk");
    assertThat(atk.firstFlaggedAtMillis()).isLessThan(flagAt);
    assertThat(atk.flaggedByCampaign()).isFalse();
    Assessment quiet = byId.get("quiet");
    assertThat(quiet.firstFlaggedAtMillis()).isEqualTo(flagAt);
    assertThat(quiet.flaggedByCampaign()).isTrue();
  }

  @Test
  void observe_manyAccounts_perEventCostStaysSmall() {
    // 200k exchanges over 2k accounts: a smoke check of O(1) work per event, not a benchmark.
    List<Event> all = new ArrayList<>();
    for (int a = 0; a < 2000; a++) {
      all.addAll(a % 10 == 0 ? Personas.cotHarvester("a" + a, 100, a) : Personas.ragApp("a" + a, 100, a));
    }
    DetectionEngine engine = engine(all, null);
    long t0 = System.nanoTime();
    for (Event e : all) {
      engine.observe(e.exchange());
    }
    long nanos = System.nanoTime() - t0;
    System.out.printf("engine: %d exchanges in %d ms (%.0f/s)%n", all.size(), nanos / 1_000_000,
        all.size() / (nanos / 1e9));
    assertThat(engine.accountCount()).isEqualTo(2000);
    long flagged = engine.assessments().stream().filter(Assessment::flagged).count();
    assertThat(flagged).isEqualTo(200);
  }
}
