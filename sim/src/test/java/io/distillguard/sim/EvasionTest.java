package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillguard.core.features.ExchangeFeatures;
import io.distillguard.core.features.FeatureExtractor;
import io.distillguard.core.ingest.Exchange;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.profile.OwnTurns;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Disguises change attack accounts' traffic only, and each does what it says. */
class EvasionTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static SimTestSupport.Capture plain;
  static Set<String> attackers = new HashSet<>();

  @BeforeAll
  static void generate() {
    plain = SimTestSupport.run(Scenario.named("smoke"), 7);
    for (Label l : plain.labels) {
      if (l.attack()) {
        attackers.add(l.accountId());
      }
    }
  }

  static SimTestSupport.Capture disguised(Evasion... e) {
    return SimTestSupport.run(Scenario.named("smoke").withEvasions(EnumSet.of(e[0], e)), 7);
  }

  /** The system prompt of a request in any API shape, or null. */
  static String system(JsonNode req) {
    JsonNode s = req.get("system");
    if (s != null) {
      return s.isTextual() ? s.asText() : s.path(0).path("text").asText();
    }
    for (JsonNode m : req.path("messages")) {
      if (m.path("role").asText().equals("system") || m.path("role").asText().equals("developer")) {
        return m.path("content").isTextual() ? m.get("content").asText() : m.path("content").path(0).path("text").asText();
      }
    }
    return req.has("instructions") ? req.get("instructions").asText() : null;
  }

  @Test
  void everyDisguise_leavesBenignLinesAndLabelsByteIdentical_andTouchesAttackers() throws Exception {
    // account churn adds accounts, so every id moves: its own test below checks the rest stays;
    // per-account would leave some attackers undisguised
    SimTestSupport.Capture all = disguised(EnumSet.complementOf(EnumSet.of(Evasion.ACCOUNT_CHURN, Evasion.PER_ACCOUNT))
        .toArray(new Evasion[0]));
    assertThat(all.labels).isEqualTo(plain.labels);
    assertThat(all.lines).hasSameSizeAs(plain.lines);
    int changed = 0;
    for (int i = 0; i < plain.lines.size(); i++) {
      String account = JSON.readTree(plain.lines.get(i)).path("account_id").asText();
      assertThat(JSON.readTree(all.lines.get(i)).path("account_id").asText()).isEqualTo(account);
      if (!attackers.contains(account)) {
        assertThat(all.lines.get(i)).isEqualTo(plain.lines.get(i));
      } else if (!all.lines.get(i).equals(plain.lines.get(i))) {
        changed++;
      }
    }
    assertThat(changed).isEqualTo((int) plain.lines.stream().filter(l -> attackers.stream().anyMatch(
        a -> l.contains("\"account_id\":\"" + a + "\""))).count());
  }

  @Test
  void stampedSystem_makesEveryAttackSystemPromptUnique_keepingTheOriginalText() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.STAMPED_SYSTEM);
    Set<String> seen = new HashSet<>();
    int stamped = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      JsonNode n = JSON.readTree(s.lines.get(i));
      String sys = system(n.path("request"));
      if (!attackers.contains(n.path("account_id").asText()) || sys == null) {
        continue;
      }
      String before = system(JSON.readTree(plain.lines.get(i)).path("request"));
      assertThat(sys).matches("Session \\d{6}\\. Current time: \\S+Z\\. (?s).*").endsWith(before);
      seen.add(sys);
      stamped++;
    }
    assertThat(stamped).isGreaterThan(100);
    assertThat(seen.size()).isGreaterThan(stamped * 9 / 10);
  }

  @Test
  void systemInUser_movesTheSystemPromptIntoTheLastUserTurn() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.SYSTEM_IN_USER);
    int moved = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      JsonNode n = JSON.readTree(s.lines.get(i));
      String before = system(JSON.readTree(plain.lines.get(i)).path("request"));
      if (!attackers.contains(n.path("account_id").asText()) || before == null) {
        continue;
      }
      if (system(n.path("request")) == null) {
        assertThat(s.lines.get(i)).contains(JSON.writeValueAsString(before + "\n\n").replaceAll("\"$", ""));
        moved++;
      }
    }
    assertThat(moved).isGreaterThan(100);
  }

  @Test
  void personaName_givesEachAccountOneNameOnEveryRequest() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.PERSONA_NAME);
    Map<String, Set<String>> namesByAccount = new HashMap<>();
    for (String line : s.lines) {
      JsonNode n = JSON.readTree(line);
      String sys = system(n.path("request"));
      if (attackers.contains(n.path("account_id").asText()) && sys != null) {
        assertThat(sys).startsWith("Your name is ");
        namesByAccount.computeIfAbsent(n.path("account_id").asText(), k -> new HashSet<>())
            .add(sys.substring(0, sys.indexOf(" assistant. ")));
      }
    }
    assertThat(namesByAccount).hasSizeGreaterThan(10);
    assertThat(namesByAccount.values()).allSatisfy(names -> assertThat(names).hasSize(1));
    assertThat(new HashSet<>(namesByAccount.values())).hasSizeGreaterThan(5);
  }

  @Test
  void perAccount_letsEachAttackerWearEachDisguiseOrNot_onEveryOneOfItsRequests() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.PER_ACCOUNT, Evasion.PERSONA_NAME, Evasion.SYSTEM_IN_USER);
    assertThat(s.labels).isEqualTo(plain.labels);
    Map<String, Set<String>> looks = new HashMap<>();
    for (int i = 0; i < s.lines.size(); i++) {
      String line = s.lines.get(i);
      String before = plain.lines.get(i);
      JsonNode n = JSON.readTree(line);
      String a = n.path("account_id").asText();
      if (!attackers.contains(a) || system(JSON.readTree(before).path("request")) == null) {
        assertThat(line).isEqualTo(before);
        continue;
      }
      boolean named = line.contains("Your name is ") && !before.contains("Your name is ");
      boolean moved = system(n.path("request")) == null;
      looks.computeIfAbsent(a, k -> new HashSet<>()).add((named ? "named" : "own name") + ", "
          + (moved ? "system in user" : "system kept"));
      if (!named && !moved) {
        assertThat(line).isEqualTo(before);
      }
    }
    assertThat(looks).hasSizeGreaterThan(10);
    assertThat(looks.values()).allSatisfy(l -> assertThat(l).hasSize(1));
    // the two coins are tossed apart: every pairing is some accounts' look
    assertThat(looks.values().stream().map(l -> l.iterator().next()).distinct()).hasSize(4);
  }

  /** Lines as the detector reads them: parsed, their features, and whether each follows up its account's own. */
  static final class DetectorView {
    final ExchangeParser parser = new ExchangeParser();
    final FeatureExtractor fx = new FeatureExtractor();
    final Map<String, OwnTurns> turns = new HashMap<>();

    /** Whether {@code e}, with features {@code f}, follows up its account's own earlier request. */
    boolean follows(Exchange e, ExchangeFeatures f) {
      return turns.computeIfAbsent(e.accountId(), k -> new OwnTurns()).follows(f);
    }
  }

  @Test
  void fakeTurns_putsAnExchangeBeforeEachAttackQuestion_thatNoEarlierRequestOfTheAccountSent() {
    SimTestSupport.Capture s = disguised(Evasion.FAKE_TURNS);
    DetectorView v = new DetectorView();
    int dressed = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      Exchange e = v.parser.parse(s.lines.get(i));
      if (!attackers.contains(e.accountId())) {
        continue;
      }
      boolean follows = v.follows(e, v.fx.extract(e));
      if (e.endpoint().equals(Call.COMPLETIONS)) {
        assertThat(s.lines.get(i)).isEqualTo(plain.lines.get(i));
        continue;
      }
      assertThat(e.request().assistantTurns())
          .isEqualTo(v.parser.parse(plain.lines.get(i)).request().assistantTurns() + 1);
      assertThat(follows).isFalse();
      dressed++;
    }
    assertThat(dressed).isGreaterThan(100);
  }

  @Test
  void chainedTurns_putsTheAccountsPreviousQuestionBeforeEachOfItsQuestions_withoutGrowingTheHistory() {
    SimTestSupport.Capture s = disguised(Evasion.CHAINED_TURNS);
    DetectorView v = new DetectorView();
    Map<String, Long> lastTurn = new HashMap<>();
    int chained = 0;
    int follows = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      Exchange e = v.parser.parse(s.lines.get(i));
      if (!attackers.contains(e.accountId()) || e.endpoint().equals(Call.COMPLETIONS)) {
        continue;
      }
      ExchangeFeatures f = v.fx.extract(e);
      Long previous = lastTurn.put(e.accountId(), f.turnHash());
      if (previous != null) {
        assertThat(f.repliesTo()).isEqualTo(previous);
        chained++;
      }
      boolean own = v.follows(e, f);
      // requests that were one-shot before the disguise (some personas do follow up, and agent
      // loops' histories grow)
      if (own && v.parser.parse(plain.lines.get(i)).request().assistantTurns() == 0) {
        follows++;
      }
    }
    assertThat(chained).isGreaterThan(100);
    // the history stays one exchange deep, so only each account's second request reads as a
    // follow-up
    assertThat(follows).isPositive().isLessThanOrEqualTo(lastTurn.size());
  }

  @Test
  void modelRotation_spreadsEachAttackersRequestsOverThreeModels() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.MODEL_ROTATION);
    Map<String, Map<String, Integer>> models = new HashMap<>();
    for (String line : s.lines) {
      JsonNode n = JSON.readTree(line);
      if (attackers.contains(n.path("account_id").asText())) {
        models.computeIfAbsent(n.path("account_id").asText(), k -> new HashMap<>())
            .merge(n.path("model").asText(), 1, Integer::sum);
      }
    }
    int busy = 0;
    for (Map<String, Integer> m : models.values()) {
      int total = m.values().stream().mapToInt(Integer::intValue).sum();
      if (total >= 60) {
        busy++;
        assertThat(m).hasSizeBetween(3, 4); // 4 for a release pivot: its own model changes
        assertThat(m.values()).allSatisfy(c -> assertThat(c).isLessThan(total / 2));
      }
    }
    assertThat(busy).isGreaterThan(5);
  }

  @Test
  void schemaCot_asksForTheWorkingByAnAnswerSchemaInsteadOfTheSentence_oneSchemaPerOperation() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.SCHEMA_COT);
    DetectorView v = new DetectorView();
    Map<String, String> campaignOf = new HashMap<>();
    for (Label l : plain.labels) {
      campaignOf.put(l.accountId(), l.campaign() != null ? l.campaign() : l.accountId());
    }
    Map<String, Set<List<String>>> schemasByOperation = new HashMap<>();
    int sentenceGone = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      Exchange e = v.parser.parse(s.lines.get(i));
      Exchange before = v.parser.parse(plain.lines.get(i));
      if (!attackers.contains(e.accountId())) {
        continue;
      }
      if (e.endpoint().equals(Call.COMPLETIONS) || !before.request().toolNames().isEmpty()
          || !before.request().system().contains("think step-by-step")) {
        assertThat(s.lines.get(i)).isEqualTo(plain.lines.get(i));
        continue;
      }
      List<String> fields = e.request().answerFields();
      assertThat(fields).isNotEmpty();
      assertThat(e.request().system()).doesNotContain("step-by-step");
      schemasByOperation.computeIfAbsent(campaignOf.get(e.accountId()), k -> new HashSet<>()).add(fields);
      // the schema alone asks now, a fixed instruction as the sentence was
      ExchangeFeatures f = v.fx.extract(e);
      ExchangeFeatures was = v.fx.extract(before);
      assertThat(was.cotElicitation()).isGreaterThanOrEqualTo(FeatureExtractor.STRONG);
      assertThat(f.cotElicitation()).isGreaterThanOrEqualTo(FeatureExtractor.STRONG);
      assertThat(f.cotFromSystem()).isEqualTo(was.cotFromSystem());
      sentenceGone++;
    }
    assertThat(sentenceGone).isGreaterThan(100);
    assertThat(schemasByOperation.values()).allSatisfy(k -> assertThat(k).hasSize(1));
    assertThat(new HashSet<>(schemasByOperation.values())).hasSizeGreaterThan(1);
  }

  @Test
  void productSchemas_areReadAsAskingForTheWorking_onlyWhereTheyDo() {
    DetectorView v = new DetectorView();
    Map<ProjectText.AnswerSchema, Boolean> asks = new HashMap<>();
    for (ProjectText.AnswerSchema a : ProjectText.WORKING_SCHEMAS) {
      asks.put(a, true);
    }
    asks.put(ProjectText.REASONED_LABEL, true);
    asks.put(ProjectText.CITED_ANSWER, false);
    asks.put(ProjectText.EXTRACTION, false);
    asks.put(ProjectText.LABEL, false);
    for (Map.Entry<ProjectText.AnswerSchema, Boolean> a : asks.entrySet()) {
      for (String body : List.of(
          "{\"messages\":[{\"role\":\"user\",\"content\":\"Where is Lyon?\"}],\"response_format\":{"
              + "\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + a.getKey().schemaJson() + "}}}",
          "{\"max_tokens\":900,\"messages\":[{\"role\":\"user\",\"content\":\"Where is Lyon?\"}],\"tools\":[{"
              + "\"name\":\"x\",\"input_schema\":" + a.getKey().schemaJson() + "}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"x\"}}")) {
        Exchange e = v.parser.parse("{\"ts\":\"2026-11-02T00:00:00Z\",\"request_id\":\"r\",\"account_id\":\"a\","
            + "\"endpoint\":\"" + (body.contains("tool_choice") ? Call.MESSAGES : Call.CHAT)
            + "\",\"model\":\"m\",\"request\":" + body + ",\"response\":{\"status\":200}}");
        assertThat(v.fx.extract(e).cotElicitation() >= FeatureExtractor.STRONG).as(a.getKey().name()).isEqualTo(a.getValue());
      }
    }
    // and the simulated products send them: app backends, RAG apps and labellers, some of each
    Set<String> named = new HashSet<>();
    for (String line : plain.lines) {
      Exchange e = v.parser.parse(line);
      if (!e.request().answerFields().isEmpty()) {
        assertThat(attackers).doesNotContain(e.accountId());
        named.add(e.request().answerFields().toString());
      }
    }
    assertThat(named).isNotEmpty();
  }

  @Test
  void peoplesConversations_areFollowUpsOfTheirOwnRequests_asTheDetectorReadsThem() {
    DetectorView v = new DetectorView();
    Set<String> people = new HashSet<>();
    for (Label l : plain.labels) {
      if (l.persona().equals("casual-chat") || l.persona().equals("shared-client")
          || l.persona().equals("coding-assistant")) {
        people.add(l.accountId());
      }
    }
    int multiTurn = 0;
    int follows = 0;
    for (String line : plain.lines) {
      Exchange e = v.parser.parse(line);
      if (people.contains(e.accountId())) {
        ExchangeFeatures f = v.fx.extract(e);
        boolean own = v.follows(e, f);
        if (f.assistantTurns() > 0) {
          multiTurn++;
          follows += own ? 1 : 0;
        }
      }
    }
    assertThat(multiTurn).isGreaterThan(100);
    assertThat(follows).isEqualTo(multiTurn);
  }

  @Test
  void accountChurn_handsEachCampaignWorkersWorkToFreshAccounts_andChangesNothingElse() throws Exception {
    Scenario fourDays = Scenario.named("smoke").withDays(4);
    SimTestSupport.Capture before = SimTestSupport.run(fourDays, 7);
    SimTestSupport.Capture churned = SimTestSupport.run(fourDays.withEvasions(EnumSet.of(Evasion.ACCOUNT_CHURN)), 7);
    Map<String, Label> was = labelsById(before);
    Map<String, Label> now = labelsById(churned);
    Map<String, Integer> accountsOf = new HashMap<>();
    Map<String, Integer> accountsNowOf = new HashMap<>();
    before.labels.forEach(l -> accountsOf.merge(l.persona(), 1, Integer::sum));
    churned.labels.forEach(l -> accountsNowOf.merge(l.persona(), 1, Integer::sum));
    for (Persona p : Persona.values()) {
      if (p.coordinated()) {
        // first hand-over 12-72 h in, then every 1-3 days: over four days at least one each
        assertThat(accountsNowOf.get(p.json())).as(p.json()).isGreaterThanOrEqualTo(2 * accountsOf.get(p.json()));
      } else {
        assertThat(accountsNowOf.get(p.json())).as(p.json()).isEqualTo(accountsOf.get(p.json()));
      }
    }
    assertThat(churned.lines).hasSameSizeAs(before.lines);
    Map<String, long[]> span = new HashMap<>();
    Map<String, Long> createdAt = new HashMap<>();
    Map<String, Set<String>> holdersOfCard = new HashMap<>();
    for (int i = 0; i < before.lines.size(); i++) {
      ObjectNode b = (ObjectNode) JSON.readTree(before.lines.get(i));
      ObjectNode c = (ObjectNode) JSON.readTree(churned.lines.get(i));
      Label lb = was.get(b.remove("account_id").asText());
      String id = c.remove("account_id").asText();
      Label lc = now.get(id);
      assertThat(lc).as("every account that sends has a label").isNotNull();
      assertThat(lc.persona()).isEqualTo(lb.persona());
      assertThat(lc.campaign()).isEqualTo(lb.campaign());
      if (lb.campaign() == null) {
        assertThat(c).isEqualTo(b);
        continue;
      }
      // a campaign worker's request is the same; only who sends it changes
      assertThat(c.get("request")).isEqualTo(b.get("request"));
      assertThat(c.get("ts")).isEqualTo(b.get("ts"));
      long t = before.times.get(i);
      span.computeIfAbsent(id, k -> new long[] {t, t})[1] = t;
      createdAt.put(id, java.time.Instant.parse(c.path("account").path("created_at").asText()).toEpochMilli());
      holdersOfCard.computeIfAbsent(c.path("account").path("payment_fingerprint").asText(), k -> new HashSet<>()).add(id);
    }
    assertThat(span.values()).allSatisfy(s -> assertThat(s[1] - s[0]).isLessThanOrEqualTo(72 * 3_600_000L));
    assertThat(span).allSatisfy((id, s) -> assertThat(createdAt.get(id)).isLessThanOrEqualTo(s[0]));
    // hydras' successors draw cards from the operation's pool, so some card serves several accounts
    assertThat(holdersOfCard.values().stream().mapToInt(Set::size).max().orElse(0)).isGreaterThan(1);
  }

  private static Map<String, Label> labelsById(SimTestSupport.Capture c) {
    Map<String, Label> m = new HashMap<>();
    c.labels.forEach(l -> assertThat(m.put(l.accountId(), l)).as("one label per account").isNull());
    return m;
  }

  @Test
  void cleanInfra_givesEachAttackerItsOwnCardAndAFreshAddressPerRequest() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.CLEAN_INFRA);
    Map<String, String> cardOf = new HashMap<>();
    Set<String> cards = new HashSet<>();
    List<String> ips = new java.util.ArrayList<>();
    for (String line : s.lines) {
      JsonNode n = JSON.readTree(line);
      String a = n.path("account_id").asText();
      if (!attackers.contains(a)) {
        continue;
      }
      String card = n.path("account").path("payment_fingerprint").asText();
      assertThat(cardOf.computeIfAbsent(a, k -> card)).isEqualTo(card);
      cards.add(card);
      ips.add(n.path("client").path("ip").asText());
    }
    assertThat(cards).hasSameSizeAs(cardOf.keySet());
    assertThat(new HashSet<>(ips).size()).isGreaterThan(ips.size() * 9 / 10);
  }

  @Test
  void rewordedCues_replacesTheStepByStepInstruction_withOneWordingPerOperation() throws Exception {
    SimTestSupport.Capture s = disguised(Evasion.REWORDED_CUES);
    Map<String, String> campaignOf = new HashMap<>();
    for (Label l : plain.labels) {
      campaignOf.put(l.accountId(), l.campaign() != null ? l.campaign() : l.accountId());
    }
    Map<String, Set<String>> wordingsByOperation = new HashMap<>();
    int reworded = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      JsonNode n = JSON.readTree(s.lines.get(i));
      String before = system(JSON.readTree(plain.lines.get(i)).path("request"));
      if (!attackers.contains(n.path("account_id").asText()) || before == null
          || !before.contains("think step-by-step")) {
        continue;
      }
      String sys = system(n.path("request"));
      assertThat(sys).doesNotContain("step-by-step");
      String wording = List.of(Disguise.COT_WORDINGS).stream().filter(sys::contains).findFirst()
          .orElseThrow(() -> new AssertionError("no wording in " + sys));
      assertThat(sys).isEqualTo(before.substring(0, before.indexOf("While ")) + wording);
      wordingsByOperation.computeIfAbsent(campaignOf.get(n.path("account_id").asText()),
          k -> new HashSet<>()).add(wording);
      reworded++;
    }
    assertThat(reworded).isGreaterThan(100);
    assertThat(wordingsByOperation.values()).allSatisfy(w -> assertThat(w).hasSize(1));
    assertThat(new HashSet<>(wordingsByOperation.values())).hasSizeGreaterThan(1);
  }

  @ParameterizedTest
  @CsvSource({"COVER_TRAFFIC, 0.4, 0.6", "HEAVY_COVER, 0.7, 0.9"})
  void coverTraffic_turnsItsShareOfAttackRequestsIntoPlainChat_andLeavesTheRestAsTheyWere(
      Evasion evasion, double low, double high) throws Exception {
    SimTestSupport.Capture s = disguised(evasion);
    int attack = 0;
    int covered = 0;
    for (int i = 0; i < s.lines.size(); i++) {
      JsonNode n = JSON.readTree(s.lines.get(i));
      if (!attackers.contains(n.path("account_id").asText())) {
        continue;
      }
      attack++;
      if (s.lines.get(i).equals(plain.lines.get(i))) {
        continue;
      }
      covered++;
      JsonNode req = n.path("request");
      JsonNode before = JSON.readTree(plain.lines.get(i));
      assertThat(system(req)).isNull();
      assertThat(req.has("logprobs") || req.has("top_logprobs") || req.has("n") || req.has("tools")
          || req.has("reasoning_effort") || req.has("thinking")).isFalse();
      assertThat(req.path("max_tokens").asInt(0)).isLessThanOrEqualTo(1024); // Anthropic's required default
      assertThat(req.path("messages").size() + req.path("input").size()).isLessThanOrEqualTo(1);
      // Same schedule, key and exit: only the request and what the model answered changed.
      assertThat(n.path("ts").asText()).isEqualTo(before.path("ts").asText());
      assertThat(n.path("api_key_id").asText()).isEqualTo(before.path("api_key_id").asText());
      assertThat(n.path("client")).isEqualTo(before.path("client"));
      assertThat(n.path("endpoint").asText()).isEqualTo(before.path("endpoint").asText());
    }
    assertThat(attack).isGreaterThan(200);
    assertThat((double) covered / attack).isBetween(low, high);
  }

  @Test
  void parseList_acceptsCommaSeparatedNames_rejectsUnknownOnes() {
    assertThat(Evasion.parseList(" stamped-system,clean-infra ,"))
        .containsExactlyInAnyOrder(Evasion.STAMPED_SYSTEM, Evasion.CLEAN_INFRA);
    assertThat(Evasion.parseList("")).isEmpty();
    assertThatThrownBy(() -> Evasion.parseList("stamped-system,<script>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown evasion");
  }
}
