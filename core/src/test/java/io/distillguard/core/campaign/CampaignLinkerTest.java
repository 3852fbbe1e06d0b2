package io.distillguard.core.campaign;

import static io.distillguard.core.campaign.Traffic.DAY;
import static io.distillguard.core.campaign.Traffic.HOUR;
import static io.distillguard.core.campaign.Traffic.MIN;
import static io.distillguard.core.campaign.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.detect.Assessment;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.features.ExchangeFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CampaignLinkerTest {

  /** One exchange with the account risk the engine would pass along. */
  record Ev(Traffic t, double risk, long ts) {}

  static final class Stream {
    final List<Ev> events = new ArrayList<>();
    final Random rnd;

    Stream(long seed) {
      rnd = new Random(seed);
    }

    void add(long ts, Traffic t, double risk) {
      events.add(new Ev(t, risk, ts));
    }

    CampaignLinker run(CampaignLinker linker) {
      events.sort(Comparator.comparingLong(Ev::ts)); // stable: equal times keep insertion order
      for (Ev e : events) {
        e.t().to(linker, e.risk());
      }
      return linker;
    }

    CampaignLinker run() {
      return run(CampaignLinkers.createDefault());
    }

    long randomTime(long from, long span) {
      return from + (long) (rnd.nextDouble() * span);
    }

    /**
     * Benign population: unique prompts, a few popular templates, their own cards and addresses,
     * accounts created over months.
     */
    List<String> benign(int accounts, int perAccount, long span) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        String id = "benign-" + i;
        ids.add(id);
        String ip = "198.51." + (i % 200) + "." + (i / 200 + 1);
        long created = T0 - (long) (rnd.nextDouble() * 200 * DAY);
        int topic = rnd.nextInt(64);
        for (int k = 0; k < perAccount; k++) {
          long ts = randomTime(T0, span);
          long template = rnd.nextInt(5) == 0 ? 900 + rnd.nextInt(3) : rnd.nextLong();
          add(
              ts,
              Traffic.at(ts)
                  .account(id)
                  .ip(ip)
                  .asn(64500 + i % 7)
                  .created(created)
                  .payment("pm-benign-" + i)
                  .template(template)
                  .system(rnd.nextInt(3) == 0 ? 77 : 0) // a popular SDK default system prompt
                  .cot(rnd.nextInt(10) == 0 ? 0.8f : 0f)
                  .topic(topic),
              0.05);
        }
      }
      return ids;
    }

    /**
     * A low-and-slow campaign: casual pace over five days, own card, residential address on one of
     * {@code asns} ISPs, aged account, no CoT wording, one system prompt (4242) on every request.
     */
    List<String> lowAndSlow(int accounts, int perAccount, int asns, double risk) {
      return lowAndSlow("slow-", accounts, perAccount, asns, risk, (t, i) -> t.system(4242));
    }

    /** As above, with worker {@code i}'s prompt (and anything else) set by {@code prompt}. */
    List<String> lowAndSlow(String prefix, int accounts, int perAccount, int asns, double risk,
        BiFunction<Traffic, Integer, Traffic> prompt) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        String id = prefix + i;
        ids.add(id);
        long created = T0 - (30 + rnd.nextInt(60)) * DAY;
        for (int k = 0; k < perAccount; k++) {
          long ts = randomTime(T0, 5 * DAY);
          Traffic t = Traffic.at(ts).account(id).ip("100.70." + rnd.nextInt(256) + "." + i)
              .asn(7922 + i % asns).created(created).payment("pm-" + id)
              .template(rnd.nextLong()).topic(rnd.nextInt(64));
          add(ts, prompt.apply(t, i), risk);
        }
      }
      return ids;
    }

    /**
     * A campaign's {@code n} workers on prompt 4646, six requests each over four days: the first
     * {@code early} start a minute apart at T0, worker {@code i} of the rest at {@code lateFrom +
     * i * lateGap}.
     */
    List<String> earlyAndLateWorkers(int n, int early, long lateFrom, long lateGap) {
      List<String> slow = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "slow-" + i;
        slow.add(id);
        long first = i < early ? T0 + i * MIN : lateFrom + i * lateGap;
        for (int k = 0; k < 6; k++) {
          long ts = k == 0 ? first : first + HOUR + rnd.nextInt(345_600) * 1000L;
          add(ts, Traffic.at(ts).account(id).ip("100.72." + rnd.nextInt(256) + "." + i)
              .asn(7922 + i % 8).payment("pm-slow-" + i).system(4646)
              .template(rnd.nextLong()).topic(rnd.nextInt(64)), 0.2);
        }
      }
      return slow;
    }

    /**
     * Another operation's {@code n} workers, starting {@code gap} apart from {@code from}: each
     * opens with prompt 4646 (committed-looking on that request), then moves on to others, a
     * request every 30 minutes.
     */
    void openingRotators(int n, long from, long gap) {
      for (int i = 0; i < n; i++) {
        String id = "rot-" + i;
        long first = from + i * gap;
        for (int k = 0; k < 6; k++) {
          long ts = first + k * 30 * MIN;
          add(ts, Traffic.at(ts).account(id).ip("203.0." + rnd.nextInt(256) + "." + i)
              .asn(rnd.nextInt(5000)).payment("pm-rot-" + i).system(k == 0 ? 4646 : 4747 + k)
              .template(rnd.nextLong()).cot(0.9f).topic(rnd.nextInt(64)), 0.6);
        }
      }
    }

    /**
     * {@code n} accounts over four days, 30 requests each, every request through one of 13 exits
     * on {@code net}: account {@code i} sends its own variant of prompt family 4343 ("Your name is
     * {prefix}{i}. ..."), has its own card and an aged account, and scores {@code risk}.
     */
    List<String> namedOnSharedExits(String prefix, int n, String net, long asn, double risk) {
      String[] exits = new String[13];
      for (int i = 0; i < exits.length; i++) {
        exits[i] = net + (100 + i) + "." + (7 + i);
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = prefix + i;
        ids.add(id);
        for (int k = 0; k < 30; k++) {
          long ts = randomTime(T0, 4 * DAY);
          add(ts, Traffic.at(ts).account(id).system(60_000 + i, 4343)
              .systemText("Your name is " + id + ". Answer every question in full detail.")
              .ip(exits[rnd.nextInt(exits.length)]).asn(asn)
              .payment("pm-" + id).created(T0 - (200 + rnd.nextInt(400)) * DAY)
              .template(rnd.nextLong()).topic(rnd.nextInt(64)), risk);
        }
      }
      return ids;
    }

    /**
     * An operation's {@code n} workers over four days, 20 requests each, all with system prompt
     * 4848: worker {@code i} keeps to exit {@code i % 10} on {@code net} and pays with card
     * {@code i / 3} (three workers to an exit, three to a card; no two share both), on an aged
     * account.
     */
    List<String> onSharedExits(String prefix, int n, String net, double risk) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = prefix + i;
        ids.add(id);
        String exit = net + (10 + i % 10);
        long created = T0 - (100 + rnd.nextInt(300)) * DAY;
        for (int k = 0; k < 20; k++) {
          long ts = randomTime(T0, 4 * DAY);
          add(ts, Traffic.at(ts).account(id).system(4848).ip(exit).asn(64700)
              .payment("pm-" + prefix + i / 3).created(created)
              .template(rnd.nextLong()).topic(rnd.nextInt(64)), risk);
        }
      }
      return ids;
    }

    /**
     * A hydra: many light accounts created in one burst, a few shared cards, residential proxies,
     * the same rare CoT templates, each covering a small slice of the task space.
     */
    List<String> hydra(String prefix, int accounts, int perAccount, long span, double risk) {
      return hydra(prefix, accounts, perAccount, span, risk, null, i -> 0L);
    }

    /**
     * As above, through {@code exits} (null: a fresh address each request), worker {@code i}
     * sending system prompt {@code system(i)} (0: none) every time.
     */
    List<String> hydra(String prefix, int accounts, int perAccount, long span, double risk,
        String[] exits, java.util.function.IntToLongFunction system) {
      List<String> ids = new ArrayList<>();
      long burst = T0 - 3 * HOUR - Math.floorMod(prefix.hashCode(), 1000) * HOUR;
      long templateBase = 1_000_000L + prefix.hashCode() * 1000L;
      for (int i = 0; i < accounts; i++) {
        String id = prefix + "-" + i;
        ids.add(id);
        long created = burst + rnd.nextInt(60) * MIN;
        String pm = "pm-" + prefix + "-" + (i % 4);
        for (int k = 0; k < perAccount; k++) {
          long ts = randomTime(T0, span);
          add(
              ts,
              Traffic.at(ts)
                  .account(id)
                  .ip(exits == null ? "203.0." + rnd.nextInt(256) + "." + rnd.nextInt(256)
                      : exits[rnd.nextInt(exits.length)])
                  .asn(rnd.nextInt(5000))
                  .created(created)
                  .payment(pm)
                  .template(templateBase + rnd.nextInt(12))
                  .system(system.applyAsLong(i))
                  .cot(0.9f)
                  .topic((i * 3 + k % 3) % 48)
                  .text("Solve step by step and show all reasoning: problem " + k),
              risk);
        }
      }
      return ids;
    }
  }

  private static Set<String> members(CampaignAssessment c) {
    return new HashSet<>(c.accounts());
  }

  /** The first worker's campaign holds exactly {@code workers}; none of {@code benign} in any. */
  private static void assertOneCampaignOf(
      CampaignLinker linker, List<String> workers, List<String> benign) {
    CampaignAssessment c = linker.campaignOf(workers.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsExactlyInAnyOrderElementsOf(workers);
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  /** One campaign, exactly {@code workers}, at {@code distillation}; none of {@code benign} in any. */
  private static void assertOnlyCampaignIsDistilling(
      CampaignLinker linker, List<String> workers, List<String> benign) {
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(members(c)).containsExactlyInAnyOrderElementsOf(workers);
      assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    });
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void hydraSharingRareTemplatesAndPayment_isOneCampaign() {
    Stream s = new Stream(1);
    List<String> benign = s.benign(300, 10, 2 * DAY);
    List<String> hydra = s.hydra("hydra", 30, 8, 2 * DAY, 0.3);
    CampaignLinker linker = s.run();

    List<CampaignAssessment> campaigns = linker.campaigns();
    assertThat(campaigns).hasSize(1);
    CampaignAssessment c = campaigns.get(0);
    assertThat(members(c)).containsExactlyInAnyOrderElementsOf(hydra);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    // Not necessarily C-0001: a young hydra is published as a few fragments that later merge.
    assertThat(c.campaignId()).matches("C-\\d{4}");
    assertThat(c.firstFlaggedAtMillis()).isNotEqualTo(Assessment.NEVER);
    assertThat(c.reasons()).extracting(r -> r.signal())
        .contains("shared_prompt_templates", "shared_payment", "joint_distillation_behaviour");
    assertThat(c.exampleTemplates()).isNotEmpty();
    for (String a : hydra) {
      assertThat(linker.linkedFlagTime(a)).isGreaterThanOrEqualTo(c.firstFlaggedAtMillis());
      assertThat(linker.campaignOf(a)).isSameAs(c);
    }
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
      assertThat(linker.linkedFlagTime(a)).isEqualTo(Assessment.NEVER);
    }
  }

  @Test
  void lowAndSlowSharingOnlyASystemPrompt_isOneCampaign_withoutOccasionalPasters() {
    Stream s = new Stream(15);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    // Casual pace, own card, residential address, aged account, no CoT wording, each scoring only
    // a little above ordinary accounts: only one system prompt, sent on every request by all of
    // them and by nobody else, gives them away.
    List<String> slow = s.lowAndSlow(100, 5, 8, 0.2);
    // Three ordinary users paste the same system prompt now and then.
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 5; k++) {
        long ts = T0 + k * DAY + i * HOUR;
        s.add(ts, Traffic.at(ts).account("paster-" + i).system(k == 2 ? 4242 : 0)
            .template(s.rnd.nextLong()).payment("pm-paster-" + i), 0.05);
      }
    }
    CampaignLinker linker = s.run();
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(members(c)).containsExactlyInAnyOrderElementsOf(slow);
      assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
      assertThat(c.reasons()).extracting(r -> r.signal()).contains("coordinated_accounts");
    });
    for (String a : slow) {
      assertThat(linker.linkedFlagTime(a)).isNotEqualTo(Assessment.NEVER);
    }
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
    assertThat(linker.campaignOf("paster-0")).isNull();
  }

  @Test
  void lowAndSlowThatReplacesItsAccountsEveryDay_isOneCampaign_flaggedAgainstOrdinaryAccounts() {
    // 120 workers, each on a fresh account every day for six days: 720 accounts committed to the
    // prompt by the end, over the count that makes a prompt a default, though never more than 240
    // of them send it in any two days. By the end they are most of the population, so their own
    // risk (0.2) is also the median account's: the yardstick is the accounts outside linked groups.
    Stream s = new Stream(23);
    List<String> benign = s.benign(300, 6, 6 * DAY);
    List<String> slow = new ArrayList<>();
    for (int day = 0; day < 6; day++) {
      for (int w = 0; w < 120; w++) {
        String id = "churn-" + day + "-" + w;
        slow.add(id);
        for (int k = 0; k < 5; k++) {
          long ts = s.randomTime(T0 + day * DAY, DAY);
          s.add(ts, Traffic.at(ts).account(id).ip("100.70." + s.rnd.nextInt(256) + "." + w)
              .asn(7922 + w % 8).created(T0 - (30 + s.rnd.nextInt(60)) * DAY).payment("pm-" + id)
              .system(4242).template(s.rnd.nextLong()).topic(s.rnd.nextInt(64)), 0.2);
        }
      }
    }
    CampaignLinker linker = s.run();
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(slow).containsAll(members(c));
      assertThat(members(c).size()).isGreaterThanOrEqualTo(slow.size() * 9 / 10);
      assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    });
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  /**
   * {@code n} accounts paying with card {@code card}, 20 requests each over {@code life} from
   * {@code start(i)}: each its own exits, prompts and signup, distilling (risk 0.6, CoT).
   */
  private static List<String> onOneCard(Stream s, String prefix, int n, String card,
      IntFunction<Long> start, long life) {
    return onOneCard(s, prefix, n, card, start, life, () -> s.rnd.nextLong());
  }

  /** As above, each request's template from {@code template}. */
  private static List<String> onOneCard(Stream s, String prefix, int n, String card,
      IntFunction<Long> start, long life, java.util.function.LongSupplier template) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      ids.add(id);
      long from = start.apply(i);
      long created = from - s.rnd.nextInt(48) * HOUR;
      for (int k = 0; k < 20; k++) {
        long ts = k == 0 ? from : s.randomTime(from, life);
        s.add(ts, Traffic.at(ts).account(id).payment(card)
            .ip("203.0." + s.rnd.nextInt(256) + "." + s.rnd.nextInt(256)).asn(s.rnd.nextInt(5000))
            .created(created).template(template.getAsLong()).system(s.rnd.nextLong()).cot(0.9f)
            .topic(s.rnd.nextInt(64)), 0.6);
      }
    }
    return ids;
  }

  @Test
  void accountsThatTakeOverOneCardInTurn_areOneCampaign() {
    // An operation replacing banned accounts: twelve accounts, each with the card for half a day,
    // the next one starting as the last stops. Nothing else is shared, and no two are active
    // together, so correlated activity cannot be the second kind of evidence: the succession is.
    Stream s = new Stream(25);
    s.benign(200, 6, 6 * DAY);
    List<String> chain = onOneCard(s, "relay-", 12, "pm-relay", i -> T0 + i * 12 * HOUR, 11 * HOUR);
    CampaignLinker linker = s.run();
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(members(c)).containsExactlyInAnyOrderElementsOf(chain);
      assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    });
  }

  @Test
  void accountsThatTakeOverOneCardInTurn_areOneCampaign_thoughPopularTemplatesFilledTheirBudgets() {
    // As above, but every request is on one of the three popular templates that the ordinary
    // accounts send too: each account's first requests fill its edge budget, and its
    // predecessor's, with links to strangers before its card is posted.
    Stream s = new Stream(26);
    s.benign(300, 20, 6 * DAY);
    List<String> chain = onOneCard(s, "relay-", 12, "pm-relay", i -> T0 + i * 12 * HOUR, 11 * HOUR,
        () -> 900 + s.rnd.nextInt(3));
    CampaignLinker linker = s.run();
    CampaignAssessment c = linker.campaignOf(chain.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsExactlyInAnyOrderElementsOf(chain);
  }

  @Test
  void accountsUsingOneCardSideBySide_areNotLinkedByTheCardAlone() {
    // The same twelve accounts on one card, but all at once over the same days: a card in common
    // and nothing else is one kind of evidence, as a family's or a small company's is.
    Stream s = new Stream(25);
    s.benign(200, 6, 6 * DAY);
    onOneCard(s, "side-", 12, "pm-side", i -> T0 + i * MIN, 3 * DAY);
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void defaultPromptThatHundredsOfUnrelatedAccountsSendOnEveryRequest_isNoSignature() {
    // 600 accounts whose client sends one system prompt on every request, each its own card,
    // address and signup, a little riskier than most (0.1 against 0.05): an SDK's default, not a
    // campaign, however many send it.
    Stream s = new Stream(24);
    s.benign(300, 6, 5 * DAY);
    for (int i = 0; i < 600; i++) {
      String id = "sdk-" + i;
      long created = T0 - (long) (s.rnd.nextDouble() * 400 * DAY);
      for (int k = 0; k < 5; k++) {
        long ts = s.randomTime(T0, 5 * DAY);
        s.add(ts, Traffic.at(ts).account(id).ip("192.0." + (i % 250) + "." + (1 + i / 250))
            .asn(64500 + i % 13).created(created).payment("pm-" + id).system(8080)
            .template(s.rnd.nextLong()).topic(s.rnd.nextInt(64)), 0.1);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void largeTiedCampaignWhoseMembersScoreAFewTimesOrdinary_isFlagged_butASmallOneIsNot() {
    // Each worker scores 2.6x an ordinary account. Across 200 accounts tied by one prompt that mean
    // is strong evidence; across 40 it could be chance, so it needs the full 4x there.
    Stream s = new Stream(41);
    s.benign(500, 6, 5 * DAY);
    List<String> large = s.lowAndSlow("large-", 200, 5, 8, 0.13, (t, i) -> t.system(4242));
    List<String> small = s.lowAndSlow("small-", 40, 5, 8, 0.13, (t, i) -> t.system(4343));
    CampaignLinker linker = s.run();

    CampaignAssessment big = linker.campaignOf(large.get(0));
    assertThat(big).isNotNull();
    assertThat(members(big)).containsExactlyInAnyOrderElementsOf(large);
    assertThat(big.verdict()).isEqualTo(Verdict.DISTILLATION);
    CampaignAssessment few = linker.campaignOf(small.get(0));
    assertThat(few).isNotNull();
    assertThat(members(few)).containsExactlyInAnyOrderElementsOf(small);
    assertThat(few.verdict()).isNotEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void lowAndSlowWhoseWorkersMixPlainChatIntoHalfTheirTraffic_isStillOneCampaign() {
    Stream s = new Stream(15);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    // Every other request of each worker is an ordinary chat without a system prompt: the
    // campaign's prompt is on half its traffic, as a worker diluting its extraction would send it.
    int[] n = {0};
    List<String> slow =
        s.lowAndSlow("mixed-", 100, 10, 8, 0.2, (t, i) -> n[0]++ % 2 == 0 ? t.system(4242) : t);
    assertOnlyCampaignIsDistilling(s.run(), slow, benign);
  }

  @Test
  void lowAndSlowWhoseWorkersHideThePromptUnderFourChatsInFive_isStillOneCampaign() {
    Stream s = new Stream(15);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    // One request in five carries the campaign's prompt. The rest is plain chat, and some of it
    // opens with a paragraph of its own, a frame sent once: for about a third of the workers the
    // first framed request is such a paragraph, not the campaign's prompt.
    int[] n = {0};
    List<String> slow = s.lowAndSlow("covered-", 100, 35, 8, 0.2, (t, i) -> {
      int k = n[0]++ % 35;
      boolean paragraph = k == 0 || k == 3 || k == 18;
      return k % 5 == 1 ? t.system(4242) : paragraph ? t.system(s.rnd.nextLong() | 1) : t;
    });
    CampaignLinker linker = s.run();
    // Workers commit only after their fifth prompted request, most of them late in the stream, when
    // the earlier ones have used up their edge budget: the last to commit may find no peer to link.
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(slow).containsAll(c.accounts());
      assertThat(c.accounts()).hasSizeGreaterThanOrEqualTo(90);
      assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    });
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void campaignFoundAfterThousandsOfTemplatesWereShared_showsItsSystemPromptAsAnExample() {
    Stream s = new Stream(15);
    s.benign(300, 6, 5 * DAY);
    // Two days earlier, 5,000 pairs of accounts each share a template: more examples than the
    // linker keeps, all before the campaign's.
    for (int n = 0; n < 5_000; n++) {
      long ts = T0 - 2 * DAY + n * 20_000L;
      for (String who : List.of("pair-a-" + n, "pair-b-" + n)) {
        s.add(ts, Traffic.at(ts).account(who).template(7_000_000L + n).text("one-off " + n), 0.05);
      }
    }
    String prompt = "You are Orca. Reason through every task in full before answering.";
    List<String> slow =
        s.lowAndSlow("orca-", 100, 5, 8, 0.2, (t, i) -> t.system(4242).systemText(prompt));
    CampaignLinker linker = s.run();
    assertThat(linker.campaignOf(slow.get(0))).isNotNull().satisfies(c -> {
      assertThat(members(c)).containsExactlyInAnyOrderElementsOf(slow);
      assertThat(c.exampleTemplates()).contains(prompt);
    });
  }

  @Test
  void campaignWhoseSharedPromptCarriesAnApiKey_showsTheExampleWithTheKeyMasked() {
    Stream s = new Stream(15);
    s.benign(300, 6, 5 * DAY);
    String key = "sk-ant-api03-Zx81kQ2mNw7pLr4TvB9yHc3Ds6Fg0JeKa5Ub";
    String prompt = "You are Orca (relay key " + key + "). Reason through every task in full.";
    List<String> slow =
        s.lowAndSlow("orca-", 100, 5, 8, 0.2, (t, i) -> t.system(4242).systemText(prompt));
    CampaignLinker linker = s.run();
    assertThat(linker.campaignOf(slow.get(0))).isNotNull().satisfies(c ->
        assertThat(c.exampleTemplates())
            .contains("You are Orca (relay key [redacted]). Reason through every task in full.")
            .noneMatch(ex -> ex.contains("Zx81kQ2m")));
  }

  @Test
  void lowAndSlowWhoseWorkersEachPutTheirOwnNameIntoThePrompt_isOneCampaign() {
    // "Your name is Maya, a careful assistant. <the campaign's step-by-step prompt>": no two
    // workers send the same prompt, but every prompt is one sentence from the others.
    Stream s = new Stream(15);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> slow =
        s.lowAndSlow("named-", 100, 5, 8, 0.2, (t, i) -> t.system(50_000 + i, 4242).cot(0.9f));
    assertOnlyCampaignIsDistilling(s.run(), slow, benign);
  }

  @Test
  void lowAndSlowWhoseWorkersRunThreeWordingsOfItsPrompt_linksTheDistillingOnes_thoughTheThirdReadsAsPlain() {
    // Three builds of one client, one sentence apart: two ask for the working as the lexicon reads
    // it, one in words it does not, and its workers score little more than ordinary accounts. A
    // worker on the third sends the family's prompt on every request: it is committed to the
    // family, not one of its occasional users, and must not void the family as a signature for
    // the other two. Residential addresses of their own: nothing but the prompt ties them.
    Stream s = new Stream(17);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> distilling = s.lowAndSlow("cot-", 80, 6, 8, 0.2, (t, i) ->
        t.ip("100." + (64 + i) + ".7.1").asn(20_000 + i).created(T0 - 30 * DAY - i * 97 * MIN)
            .system(50_000 + i % 2, 4242).cot(0.9f));
    s.lowAndSlow("plain-", 40, 6, 8, 0.05, (t, i) ->
        t.ip("100." + (164 + i) + ".7.1").asn(30_000 + i).created(T0 - 60 * DAY - i * 97 * MIN)
            .system(50_002, 4242));
    CampaignLinker linker = s.run();
    CampaignAssessment c = linker.campaignOf(distilling.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsAll(distilling);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  /** Worker {@code i} on a residential address, network and signup time of its own. */
  /**
   * {@code n} low-and-slow workers ("build-"), worker {@code i} sending as {@code prompt} makes it,
   * beside 300 ordinary accounts: they are one campaign, exactly them, and no ordinary account is in
   * one.
   */
  private static void assertBuildIsOneCampaign(
      int seed, int n, BiFunction<Traffic, Integer, Traffic> prompt) {
    Stream s = new Stream(seed);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> workers = s.lowAndSlow("build-", n, 8, 8, 0.25, prompt);
    assertOneCampaignOf(s.run(), workers, benign);
  }

  private static Traffic ownHome(Traffic t, int i) {
    return t.ip("100." + (64 + i) + ".9.1").asn(40_000 + i).created(T0 - 40 * DAY - i * 97 * MIN);
  }

  @Test
  void workersOnTwoBuildsOfAPlainPrompt_areOneCampaign_thoughNoneDistilsAlone() {
    // Two builds of one client, one stamping its prompt: two copies one family apart, 40 workers
    // on each, asking for nothing that reads as distilling. A copy that a crowd sends is an
    // operation's build, not a customer's filled-in template (one copy each).
    assertBuildIsOneCampaign(19, 80, (t, i) ->
        ownHome(t, i).system(51_000 + i % 2, 4343));
  }

  @Test
  void workersWhoRenameAndRewordTheirBuildsPrompt_areOneCampaign_thoughTwoSentencesApart() {
    // Sentences: s (the prompt), c (its request for detail), r (the request reworded), n (a name of
    // the worker's own). Builds: (s c) and (s r), 20 workers each, and the same with a name, 20
    // each. A named copy with the reworded request is two sentences from the bare build, so the
    // copies form two groups, whichever is seen first; the crowds' copies join them.
    long fSC = 901;
    long fSR = 902;
    long keyS = 903;
    long keyC = 904;
    long keyR = 905;
    assertBuildIsOneCampaign(19, 80, (t, i) -> {
      Traffic w = ownHome(t, i).cot(0.9f);
      long named = 70_000 + 10 * i;
      return switch (i % 4) {
        case 0 -> w.systemWithKeys(51_000, fSC, keyS, keyC);
        case 1 -> w.systemWithKeys(52_000, fSR, keyS, keyR);
        case 2 -> w.systemWithKeys(60_000 + i, named, fSC, named + 1, named + 2);
        default -> w.systemWithKeys(60_000 + i, named, fSR, named + 3, named + 2);
      };
    });
  }

  @Test
  void workersOnOneBuildThatHalfOfThemStamp_areOneCampaign_thoughNoneDistilsAlone() {
    // 18 workers send the build's prompt, each stamping it or not by a coin of its own: two exact
    // copies of 9, each under the crowd size, that differ only in a stamp (the same sentences, so
    // the same first variant key), and nothing that reads as distilling.
    long sentences = 911;
    assertBuildIsOneCampaign(23, 18, (t, i) ->
        ownHome(t, i).systemWithKeys(i % 2 == 0 ? 51_000 : 51_001, sentences, 912, 913));
  }

  @Test
  void workersWhoAddTheirOwnNameToTheBuildsPrompt_joinTheWorkersThatSendItBare_thoughNoneDistils() {
    // Low-and-slow seed 17 under per-worker disguises: half the workers send the operation's
    // prompt as built, half add a name of their own to it ("Your name is Maya."), and nothing
    // reads as distilling. A named copy is the crowd's copy with a sentence added: left without
    // its name, it is the crowd's sentence list. Another company's copy of a framework prompt is
    // one with a sentence replaced instead (the next test).
    long bare = 921;
    assertBuildIsOneCampaign(19, 80, (t, i) -> {
      long named = 70_000 + 10 * i;
      return i % 2 == 0
          ? ownHome(t, i).systemWithKeys(51_000, bare, 922, 923)
          : ownHome(t, i).systemWithKeys(60_000 + i, named, bare, named + 1, named + 2);
    });
  }

  @Test
  void customersOfOneFramework_ofWhomACrowdFillInOneCompany_linkNoOtherCustomer() {
    // anthropic-scale's RAG apps: ten companies' copies of one framework prompt (each a sentence
    // replaced, not added), 12 apps on one company's and 5 on each other's, heavier than ordinary
    // users but not distilling. The crowd's copy is one company's, not the others' prompt without
    // a name: counting every committed sender of the group linked 52 of 144 such apps.
    Stream s = new Stream(29);
    s.benign(300, 6, 4 * DAY);
    List<String> others = new ArrayList<>();
    int n = 0;
    for (int company = 0; company < 10; company++) {
      for (int j = 0; j < (company == 0 ? 12 : 5); j++, n++) {
        String id = "rag-" + company + "-" + j;
        if (company > 0) {
          others.add(id);
        }
        long created = T0 - (100 + s.rnd.nextInt(800)) * DAY;
        for (int k = 0; k < 30; k++) {
          long ts = s.randomTime(T0, 4 * DAY);
          s.add(ts, Traffic.at(ts).account(id).system(80_000 + company, 8080)
              .template(70_000 + s.rnd.nextInt(6)).payment("pm-" + id).ip("198.18." + n + ".1")
              .asn(64_600 + n % 9).created(created).topic(s.rnd.nextInt(64)), 0.12);
        }
      }
    }
    CampaignLinker linker = s.run();
    for (String a : others) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void usersOfOneClient_someRenamingItsAssistant_areNotPublished() {
    // The same shape from a chat client: 30 users send its prompt as shipped, 20 put a name of
    // their own into it, each from home, as ordinary users. Tied by the prompt, as the workers
    // above, but they score like anybody else: a client's users, not a campaign.
    Stream s = new Stream(19);
    s.benign(300, 6, 5 * DAY);
    long shipped = 951;
    List<String> users = s.lowAndSlow("client-", 50, 8, 8, 0.05, (t, i) -> i < 30
        ? ownHome(t, i).systemWithKeys(51_000, shipped, 952, 953)
        : ownHome(t, i).systemWithKeys(60_000 + i, 70_000 + i, shipped, 80_000 + i));
    CampaignLinker linker = s.run();
    for (String a : users) {
      assertThat(linker.campaignOf(a)).isNull();
      assertThat(linker.linkedFlagTime(a)).isEqualTo(Assessment.NEVER);
    }
  }

  @Test
  void workersWithTheirOwnNameInThePromptOnSharedProxyExits_areOneCampaign_thoughNoneDistilsAlone() {
    // mixed-week seed 7's release-pivot operation under persona names: 40 accounts, each with its
    // own name in one prompt, every request through one of 13 shared proxy exits, no CoT wording,
    // each scoring a few times an ordinary account. The prompt family is no signature (members do
    // not distil on their own) and the exits alone are one kind of evidence: it came out in pieces.
    Stream s = new Stream(31);
    List<String> benign = s.benign(300, 6, 4 * DAY);
    List<String> workers = s.namedOnSharedExits("pivot-", 40, "185.220.", 9009, 0.3);
    CampaignLinker linker = s.run();
    assertOnlyCampaignIsDistilling(linker, workers, benign);
    // The analyst sees the family: one member's own variant of the prompt.
    assertThat(linker.campaigns().get(0).exampleTemplates())
        .anyMatch(ex -> ex.matches("Your name is pivot-\\d+\\. Answer every question in full detail\\."));
  }

  @Test
  void customersOfOneBotPlatformOnItsEgress_withTheirBotsNameInItsPrompt_areNotPublished() {
    // The same shape as above from a platform that calls the API with each customer's own key:
    // its prompt with the customer's bot name in it, through its 13 egress addresses. Linked, as
    // they are connected, but they score like anybody else: a customer base, not a campaign.
    Stream s = new Stream(31);
    s.benign(300, 6, 4 * DAY);
    List<String> customers = s.namedOnSharedExits("bot-", 40, "34.120.", 15169, 0.05);
    CampaignLinker linker = s.run();
    for (String a : customers) {
      assertThat(linker.campaignOf(a)).isNull();
      assertThat(linker.linkedFlagTime(a)).isEqualTo(Assessment.NEVER);
    }
  }

  @Test
  void customersFillingInOneFrameworkPromptWithTheirCompanyName_areNoCampaign() {
    // "You are the documentation assistant of {company}. Answer using only the context below. ...":
    // 40 unrelated apps, each committed to its own filled-in copy, all on the framework's few
    // retrieval templates in the same busy hours, heavier than ordinary users but not distilling.
    // The prompts are one sentence apart, exactly like a campaign's per-worker names.
    Stream s = new Stream(21);
    s.benign(300, 6, 2 * DAY);
    Random rnd = new Random(23);
    int[] busy = new int[48];
    for (int h = 0; h < 48; h++) {
      busy[h] = rnd.nextInt(3) == 0 ? 3 : 0;
    }
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "rag-app-" + i;
      apps.add(id);
      long created = T0 - (100 + rnd.nextInt(800)) * DAY;
      for (int h = 0; h < 48; h++) {
        for (int k = 0; k < busy[h]; k++) {
          long ts = T0 + h * HOUR + rnd.nextInt(3_000_000);
          s.add(ts, Traffic.at(ts).account(id).system(80_000 + i, 8080).template(70_000 + rnd.nextInt(6))
              .payment("pm-" + id).ip("198.18." + i + ".1").asn(64600 + i % 9)
              .created(created).topic(rnd.nextInt(64)), 0.3);
        }
      }
    }
    CampaignLinker linker = s.run();
    for (String a : apps) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  /**
   * A burst of 100 workers of another operation posts the slow campaign's prompt (their second)
   * between its early and late workers' first requests: early and late workers never meet in the
   * prompt's ring of recent posters, and the burst must not fill the early workers' edge budgets.
   * They still share the campaign's task templates.
   */
  @Test
  void lowAndSlowWhoseRingIsFlushedByABurstOfRotators_isStillOneCampaign() {
    Stream s = new Stream(22);
    List<String> benign = s.benign(200, 6, 5 * DAY);
    List<String> slow = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "slow-" + i;
      slow.add(id);
      long first = i < 20 ? T0 + i * MIN : T0 + 6 * HOUR + i * MIN;
      for (int k = 0; k < 6; k++) {
        long ts = k == 0 ? first : first + HOUR + s.rnd.nextInt(345_600) * 1000L;
        s.add(ts, Traffic.at(ts).account(id).ip("100.72." + s.rnd.nextInt(256) + "." + i)
            .asn(7922 + i % 8).payment("pm-slow-" + i).system(4646)
            .template(61_000 + s.rnd.nextInt(10)).topic(s.rnd.nextInt(64)), 0.2);
      }
    }
    for (int i = 0; i < 100; i++) {
      String id = "rot-" + i;
      for (int k = 0; k < 3; k++) {
        long ts = T0 + 3 * HOUR + i * 20_000L + k * 1000L;
        s.add(ts, Traffic.at(ts).account(id).ip("203.0." + s.rnd.nextInt(256) + "." + i)
            .asn(s.rnd.nextInt(5000)).payment("pm-rot-" + i).system(k == 0 ? 4747 : 4646)
            .template(s.rnd.nextLong()).cot(0.9f), 0.6);
      }
    }
    CampaignLinker linker = s.run();

    assertThat(linker.campaigns()).singleElement()
        .satisfies(c -> assertThat(members(c)).containsExactlyInAnyOrderElementsOf(slow));
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  /**
   * The mixed-week seed 17 shape: a campaign's first workers post its public prompt, then a hydra
   * whose every worker opens with that prompt (and so looks committed to it on that request)
   * links to all of them, filling their edge budgets with edges that are never accepted once the
   * hydra rotates on. The workers that start hours later must still reach the first ones.
   */
  @Test
  void lowAndSlowWhoseFirstWorkersBudgetsFillWithRotatorEdges_isStillOneCampaign() {
    Stream s = new Stream(31);
    List<String> benign = s.benign(200, 6, 5 * DAY);
    List<String> slow = s.earlyAndLateWorkers(60, 20, T0 + 12 * HOUR, 20 * MIN);
    s.openingRotators(120, T0 + HOUR, 3 * MIN);
    assertOneCampaignOf(s.run(), slow, benign);
  }

  /**
   * A burst of 80 workers of another operation, each opening with the campaign's public prompt
   * (committed-looking on that first request), passes through the prompt's list of committed
   * senders between the campaign's early and late workers. The late workers must still find
   * early ones there.
   */
  @Test
  void lowAndSlowWhoseSignerListABurstOfRotatorsFlushed_isStillOneCampaign() {
    Stream s = new Stream(32);
    List<String> benign = s.benign(200, 6, 5 * DAY);
    List<String> slow = s.earlyAndLateWorkers(60, 30, T0 + 4 * HOUR, 10 * MIN);
    s.openingRotators(80, T0 + 2 * HOUR, 5000L);
    assertOneCampaignOf(s.run(), slow, benign);
  }

  @Test
  void lowAndSlowWhosePromptAnotherCampaignRotatesThrough_isStillOneCampaign() {
    Stream s = new Stream(21);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> slow = s.lowAndSlow(80, 5, 8, 0.2);
    // Another operation draws its system prompts from the same public pool and rotates through
    // three of them, this one included: distilling accounts that use the prompt now and then are
    // not the "ordinary users who paste it", so the prompt stays the slow campaign's signature.
    List<String> rotators = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String id = "rot-" + i;
      rotators.add(id);
      for (int k = 0; k < 9; k++) {
        long ts = s.randomTime(T0, 5 * DAY);
        s.add(ts, Traffic.at(ts).account(id).ip("203.0." + s.rnd.nextInt(256) + "." + i)
            .asn(s.rnd.nextInt(5000)).payment("pm-rot-" + i).system(4242 + (i + k) % 3)
            .template(s.rnd.nextLong()).cot(0.9f).topic(s.rnd.nextInt(64)), 0.6);
      }
    }
    CampaignLinker linker = s.run();
    CampaignAssessment c = linker.campaignOf(slow.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsExactlyInAnyOrderElementsOf(slow);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void lowAndSlowWhosePromptALightHydraTouchesUnderCover_isStillOneCampaign() {
    // The mixed-week seed 11 shape under heavy cover: each worker of a hydra sends the slow
    // campaign's public prompt once or twice among mostly plain chat. With too few framed requests
    // to be read on and low risk of its own, each looked like an unrelated customer of the prompt.
    // Members of a campaign at distillation are part of an operation, not of the public.
    Stream s = new Stream(29);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> slow = s.lowAndSlow(80, 5, 8, 0.2);
    List<String> hydra = new ArrayList<>();
    long burst = T0 - 5 * HOUR;
    for (int i = 0; i < 150; i++) {
      String id = "light-" + i;
      hydra.add(id);
      long created = burst + s.rnd.nextInt(60) * MIN;
      for (int k = 0; k < 10; k++) {
        long ts = s.randomTime(T0, 5 * DAY);
        Traffic t = Traffic.at(ts).account(id).ip("203.0." + s.rnd.nextInt(256) + "." + i)
            .asn(s.rnd.nextInt(5000)).created(created).payment("pm-light-" + i % 4)
            .topic(s.rnd.nextInt(64));
        if (k < 3) {
          t = t.template(2_000_000L + s.rnd.nextInt(12)).cot(0.9f);
        } else if (k == 3 || (k == 7 && i % 2 == 0)) {
          t = t.system(4242).template(s.rnd.nextLong());
        } else {
          t = t.template(s.rnd.nextLong());
        }
        s.add(ts, t, 0.4);
      }
    }
    CampaignLinker linker = s.run();
    assertThat(linker.campaignOf(hydra.get(0))).isNotNull()
        .satisfies(h -> assertThat(h.verdict()).isEqualTo(Verdict.DISTILLATION));
    CampaignAssessment c = linker.campaignOf(slow.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsExactlyInAnyOrderElementsOf(slow);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    for (String a : benign) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void lowAndSlowWhosePublicPromptManyRotatorsOpenedWith_isStillOneCampaign() {
    // anthropic-scale: 600 workers of other operations each send the slow campaign's public prompt
    // on their first request, then rotate through others. Each looked committed to it when it
    // first posted it; counting them put the prompt past the "default everybody sends" cut-off
    // (max(500, 5% of accounts)) and the slow campaign was never linked. Only the 80 slow workers
    // are committed to it now.
    Stream s = new Stream(23);
    s.benign(1500, 4, 5 * DAY); // most accounts are ordinary, so the median risk stays ordinary
    List<String> slow = s.lowAndSlow(80, 5, 8, 0.2);
    for (int i = 0; i < 600; i++) {
      String id = "rot-" + i;
      long first = s.randomTime(T0, 4 * DAY);
      for (int k = 0; k < 6; k++) {
        long ts = first + k * HOUR;
        s.add(ts, Traffic.at(ts).account(id).ip("203.1." + (i % 256) + "." + (i / 256 + k))
            .asn(s.rnd.nextInt(5000)).payment("pm-rot-" + i).system(k == 0 ? 4242 : 90_000 + (i * 7 + k) % 50)
            .template(s.rnd.nextLong()).cot(0.9f).topic(s.rnd.nextInt(64)), 0.6);
      }
    }
    CampaignLinker linker = s.run();
    CampaignAssessment c = linker.campaignOf(slow.get(0));
    assertThat(c).isNotNull();
    assertThat(members(c)).containsAll(slow);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
  }

  @Test
  void lowAndSlowWhosePromptRotatorsLookedBenignAtFirst_andWhoseIspIsCrowded_isStillOneCampaign() {
    // The mixed-week seed 11 shape. (1) Another operation rotates through three prompts from the
    // same public pool, this one included, and its workers look like ordinary users on their first
    // requests (no risk yet, no CoT wording): judged then, they made the prompt look popular. (2)
    // The slow workers sit on the same few ISPs with the same SDK as hundreds of casual users, and
    // near-empty links to those users used to fill every worker's edge budget.
    Stream s = new Stream(23);
    List<String> casual = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String id = "casual-" + i;
      casual.add(id);
      for (int k = 0; k < 6; k++) {
        long ts = s.randomTime(T0, 5 * DAY);
        s.add(ts, Traffic.at(ts).account(id).ip("100.64." + (i % 250) + "." + (1 + i / 250))
            .asn(7922 + i % 4).payment("pm-casual-" + i).template(s.rnd.nextLong())
            .topic(s.rnd.nextInt(64)), 0.03);
      }
    }
    List<String> slow = s.lowAndSlow(80, 6, 4, 0.12);
    rotators(s, (t, i, k) -> t.system(4242 + (i + k) % 3));
    assertMostInOneDistillingCampaign(s.run(), slow, casual);
  }

  /** Picks the prompt of request {@code k} of rotator {@code i}. */
  interface RotatorPrompt {
    Traffic apply(Traffic t, int i, int k);
  }

  /**
   * Another operation's 120 workers that rotate prompts: 12 requests 5 h apart from a start in
   * the first day, the first three before anything shows (no risk yet, no CoT wording).
   */
  private static void rotators(Stream s, RotatorPrompt prompt) {
    for (int i = 0; i < 120; i++) {
      String id = "rot-" + i;
      long start = s.randomTime(T0, DAY);
      for (int k = 0; k < 12; k++) {
        long ts = start + k * 5 * HOUR + s.rnd.nextInt(60) * MIN;
        boolean warmingUp = k < 3;
        Traffic t = Traffic.at(ts).account(id).ip("203.0." + s.rnd.nextInt(256) + "." + i)
            .asn(9009).payment("pm-rot-" + i).template(s.rnd.nextLong())
            .cot(warmingUp ? 0f : 0.9f).topic(s.rnd.nextInt(64));
        s.add(ts, prompt.apply(t, i, k), warmingUp ? 0.03 : 0.9);
      }
    }
  }

  /** 90% of {@code workers} in one campaign at distillation, nobody else; none of {@code others}. */
  private static void assertMostInOneDistillingCampaign(
      CampaignLinker linker, List<String> workers, List<String> others) {
    CampaignAssessment c = linker.campaignOf(workers.get(0));
    assertThat(c).isNotNull();
    Set<String> m = members(c);
    assertThat(m).isSubsetOf(workers);
    assertThat(workers.stream().filter(m::contains).count())
        .isGreaterThanOrEqualTo(workers.size() * 9L / 10);
    assertThat(c.verdict()).isEqualTo(Verdict.DISTILLATION);
    for (String a : others) {
      assertThat(linker.campaignOf(a)).isNull();
    }
  }

  @Test
  void lowAndSlowWithItsOwnNamesWhosePromptRotatorsLookedBenignAtFirst_isStillOneCampaign() {
    // mixed-week seed 11 under per-worker disguises: each slow worker puts its own name into the
    // prompt, so only the family of copies ties them, and another operation's rotators open with
    // a copy of their own before anything shows. Judged then, each was one of the family's
    // occasional users; it is recounted as it is now, a distilling worker.
    Stream s = new Stream(23);
    List<String> benign = s.benign(300, 6, 5 * DAY);
    List<String> slow =
        s.lowAndSlow("named-", 80, 6, 4, 0.12, (t, i) -> t.system(50_000 + i, 4242).cot(0.9f));
    // The rotators' second request carries a copy of the family of their own.
    rotators(s, (t, i, k) -> k == 1 ? t.system(70_000 + i, 4242) : t.system(4243 + k % 2));
    assertMostInOneDistillingCampaign(s.run(), slow, benign);
  }

  @Test
  void appBackendsThatPickTheSamePopularPrompt_areNotPublished() {
    Stream s = new Stream(17);
    s.benign(200, 5, 2 * DAY);
    // Five product backends that all use "Act as a travel guide" on every request: linked by the
    // prompt, but ordinary in everything else, so no campaign.
    for (int i = 0; i < 5; i++) {
      for (int k = 0; k < 40; k++) {
        long ts = s.randomTime(T0, 2 * DAY);
        s.add(ts, Traffic.at(ts).account("app-" + i).system(31337).template(s.rnd.nextLong())
            .payment("pm-app-" + i).topic(k % 3), 0.05);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void systemPromptThatManyPeoplePasteNowAndThen_isNoSignature() {
    Stream s = new Stream(16);
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k < 5; k++) {
        long ts = s.randomTime(T0, 3 * DAY);
        s.add(ts, Traffic.at(ts).account("cot-" + i).system(555).template(s.rnd.nextLong())
            .payment("pm-cot-" + i).cot(0.8f), 0.15);
      }
    }
    // The same prompt is a popular tutorial's: 200 ordinary users paste it now and then.
    for (int i = 0; i < 200; i++) {
      for (int k = 0; k < 3; k++) {
        long ts = T0 + k * DAY + i * MIN;
        s.add(ts, Traffic.at(ts).account("tut-" + i).system(k == 1 ? 555 : 0)
            .template(s.rnd.nextLong())
            .payment("pm-tut-" + i), 0.05);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void promptFamilyThatManyPeoplePasteTheirOwnCopyOfNowAndThen_isNoSignature() {
    // As above, with a prompt everybody fills in with a name of their own ("You are Maya, ..."):
    // the tutorial's readers stay its occasional users when the family's senders are recounted.
    // For most of them it is their only prompt.
    assertThat(familyPastedNowAndThen(i -> i % 100 == 0).run().campaigns()).isEmpty();
  }

  @Test
  void promptFamilyThatManyPeoplePasteBesideAPromptOfTheirOwn_isNoSignature() {
    // The same readers, most of whom use a prompt of their own more: counted through their other
    // prompts' families.
    assertThat(familyPastedNowAndThen(i -> i % 100 != 0).run().campaigns()).isEmpty();
  }

  /**
   * 40 accounts committed to copies of prompt family 555, asking for the working; 200 readers of
   * a tutorial that each paste a copy of their own once, those {@code ownPromptFirst} picks after a
   * prompt of their own (so the copy is not their main prompt).
   */
  private static Stream familyPastedNowAndThen(IntPredicate ownPromptFirst) {
    Stream s = new Stream(16);
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k < 5; k++) {
        long ts = s.randomTime(T0, 3 * DAY);
        s.add(ts, Traffic.at(ts).account("cot-" + i).system(60_000 + i, 555)
            .template(s.rnd.nextLong()).payment("pm-cot-" + i).cot(0.8f), 0.15);
      }
    }
    for (int i = 0; i < 200; i++) {
      for (int k = 0; k < 3; k++) {
        long ts = T0 + k * DAY + i * MIN;
        Traffic t = Traffic.at(ts).account("tut-" + i).template(s.rnd.nextLong())
            .payment("pm-tut-" + i);
        boolean own = k == 0 && ownPromptFirst.test(i);
        s.add(ts, k == 1 ? t.system(80_000 + i, 555) : own ? t.system(90_000 + i) : t, 0.05);
      }
    }
    return s;
  }

  @Test
  void hydraWhoseWorkersKeepToThePublicPromptALowAndSlowCampaignSends_staysApartFromIt() {
    // anthropic-scale: a hydra's workers each keep to one of three public prompts, and a third of
    // them to the one a low-and-slow campaign sends on every request. Committed senders of one
    // prompt, both; but the hydra is one operation by its proxy exits, cards and creation burst,
    // and shares nothing with the slow workers but that prompt.
    SharedPrompt t = SharedPrompt.build();
    CampaignLinker linker = t.stream().run();
    assertOneCampaignOf(linker, t.slow(), t.benign());
    assertOneCampaignOf(linker, t.hydra(), t.benign());
  }

  /**
   * A 100-worker low-and-slow campaign on prompt 4242 and a 60-worker hydra on one proxy pool, a
   * third of whose workers keep to 4242, among 300 ordinary accounts.
   */
  record SharedPrompt(Stream stream, List<String> benign, List<String> slow, List<String> hydra) {
    static SharedPrompt build() {
      Stream s = new Stream(41);
      List<String> benign = s.benign(300, 6, 4 * DAY);
      List<String> slow = s.lowAndSlow(100, 8, 8, 0.2);
      List<String> hydra = s.hydra("red", 60, 20, 4 * DAY, 0.6, pool("185.220.101."),
          i -> i % 3 == 0 ? 4242 : 4300 + i % 3);
      return new SharedPrompt(s, benign, slow, hydra);
    }
  }

  @Test
  void twoOperationsEachOnItsOwnExits_sendingOnePublicPrompt_areTwoCampaigns_thatALoneSenderDoesNotJoin() {
    // anthropic-scale: two release-pivot operations send one public prompt, each from its own
    // handful of exits and cards, and a reseller also sends it. Each worker shares an exit or a
    // card with a few of its own; across the two, and with the reseller, only the prompt.
    Stream s = new Stream(43);
    List<String> benign = s.benign(300, 6, 4 * DAY);
    List<String> red = s.onSharedExits("red-", 24, "192.0.2.", 0.5);
    List<String> blue = s.onSharedExits("blue-", 24, "198.18.0.", 0.5);
    for (int k = 0; k < 40; k++) {
      long ts = s.randomTime(T0, 4 * DAY);
      s.add(ts, Traffic.at(ts).account("reseller").system(4848).ip("203.0.113.9").asn(64800)
          .payment("pm-reseller").template(s.rnd.nextLong()).topic(s.rnd.nextInt(64)), 0.4);
    }
    CampaignLinker linker = s.run();

    assertOneCampaignOf(linker, red, benign);
    assertOneCampaignOf(linker, blue, benign);
    assertThat(linker.campaignOf("reseller")).isNull();
  }

  @Test
  void twoHydras_areTwoCampaignsWithDistinctIds() {
    Stream s = new Stream(2);
    s.benign(200, 8, 2 * DAY);
    List<String> h1 = s.hydra("red", 25, 8, 2 * DAY, 0.3);
    List<String> h2 = s.hydra("blue", 40, 8, 2 * DAY, 0.3);
    List<CampaignAssessment> campaigns = s.run().campaigns();

    assertThat(campaigns).hasSize(2);
    Set<Set<String>> got = campaigns.stream().map(CampaignLinkerTest::members).collect(Collectors.toSet());
    assertThat(got).containsExactlyInAnyOrder(new HashSet<>(h1), new HashSet<>(h2));
    assertThat(campaigns).extracting(CampaignAssessment::campaignId).doesNotHaveDuplicates();
  }

  /**
   * Two hydras working one public dataset in the same order, in the same windows, created in the
   * same burst: their members share rare templates, timing and creation time with each other as
   * much as within their own hydra. Only the proxy pool each hydra rotates through tells them apart.
   */
  private static List<Ev> twinHydras(String[] poolRed, String[] poolBlue) {
    Random rnd = new Random(12);
    List<Ev> out = new ArrayList<>();
    long burst = T0 - 3 * HOUR;
    for (String prefix : List.of("red", "blue")) {
      String[] pool = prefix.equals("red") ? poolRed : poolBlue;
      for (int i = 0; i < 30; i++) {
        String id = prefix + "-" + i;
        long created = burst + rnd.nextInt(10) * MIN;
        for (int k = 0; k < 24; k++) {
          long ts = T0 + (k / 3) * 4 * HOUR + rnd.nextInt(40) * MIN;
          out.add(new Ev(Traffic.at(ts).account(id).ip(pool[rnd.nextInt(pool.length)]).asn(64512)
              .created(created).payment("pm-" + prefix + "-" + i % 5).template(5_000_000 + k % 12)
              .cot(0.9f).topic(i % 48), 0.3, ts));
        }
      }
    }
    out.sort(Comparator.comparingLong(Ev::ts));
    return out;
  }

  private static String[] pool(String prefix) {
    String[] p = new String[12];
    for (int i = 0; i < p.length; i++) {
      p[i] = prefix + (i + 1);
    }
    return p;
  }

  @Test
  void twinHydrasOnSeparateProxyPools_areTwoCampaigns() {
    CampaignLinker linker = CampaignLinkers.createDefault();
    feed(linker, twinHydras(pool("203.0.113."), pool("198.51.100.")));

    Set<Set<String>> got =
        linker.campaigns().stream().map(CampaignLinkerTest::members).collect(Collectors.toSet());
    Set<String> red = new HashSet<>();
    Set<String> blue = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      red.add("red-" + i);
      blue.add("blue-" + i);
    }
    assertThat(got).containsExactlyInAnyOrder(red, blue);
  }

  @Test
  void twinHydrasOnOneProxyPool_areOneCampaign() {
    CampaignLinker linker = CampaignLinkers.createDefault();
    feed(linker, twinHydras(pool("203.0.113."), pool("203.0.113.")));

    assertThat(linker.campaigns()).hasSize(1);
    assertThat(linker.campaigns().get(0).accounts()).hasSize(60);
  }

  @Test
  void accountsOnHugeResidentialPools_stillLink_thoughTheyNeverShareAnExit() {
    // 3,000 addresses per pool: exits are hardly ever reused, so sharing none says nothing
    String[] red = new String[3000];
    String[] blue = new String[3000];
    for (int i = 0; i < red.length; i++) {
      red[i] = "10.1." + i / 250 + "." + (i % 250 + 1);
      blue[i] = "10.2." + i / 250 + "." + (i % 250 + 1);
    }
    CampaignLinker linker = CampaignLinkers.createDefault();
    feed(linker, twinHydras(red, blue));

    assertThat(linker.campaigns()).hasSize(1);
    assertThat(linker.campaigns().get(0).accounts()).hasSize(60);
  }

  @Test
  void orgWithManyKeysBehindOneNat_isNeverACampaign() {
    Stream s = new Stream(3);
    s.benign(100, 5, DAY);
    // 40 accounts of one enterprise: one NAT address, one card, the same internal templates, one
    // creation day, synchronised office hours, even CoT-heavy prompts. One customer, not a campaign.
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k < 30; k++) {
        long ts = T0 + (k % 3) * DAY + (9 + k % 8) * HOUR + i * MIN;
        s.add(ts, Traffic.at(ts).account("corp-" + i).org("org-acme").ip("192.0.2.10").asn(64999)
            .created(T0 - 30 * DAY).payment("pm-acme").template(5000 + k % 6).cot(0.9f), 0.4);
      }
    }
    CampaignLinker linker = s.run();
    assertThat(linker.campaigns()).isEmpty();
    assertThat(linker.campaignOf("corp-0")).isNull();
  }

  @Test
  void orgAccounts_areNotPulledIntoAHydraByOrgInternalEvidence() {
    Stream s = new Stream(4);
    List<String> hydra = s.hydra("hydra", 25, 8, 2 * DAY, 0.3);
    // An org whose accounts share everything among themselves and one network with the hydra.
    for (int i = 0; i < 10; i++) {
      for (int k = 0; k < 10; k++) {
        long ts = s.randomTime(T0, 2 * DAY);
        s.add(ts, Traffic.at(ts).account("org-acct-" + i).org("org-x").ip("192.0.2.77")
            .payment("pm-org-x").template(7000 + k % 4).created(T0 - 40 * DAY), 0.05);
      }
    }
    List<CampaignAssessment> campaigns = s.run().campaigns();
    assertThat(campaigns).hasSize(1);
    assertThat(members(campaigns.get(0))).containsExactlyInAnyOrderElementsOf(hydra);
  }

  @Test
  void popularTemplate_doesNotLinkStrangers() {
    Stream s = new Stream(5);
    // 600 unrelated users of "Translate to French: ..." from one cloud ASN with the same SDK.
    for (int i = 0; i < 600; i++) {
      for (int k = 0; k < 4; k++) {
        long ts = s.randomTime(T0, DAY);
        s.add(ts, Traffic.at(ts).account("u-" + i).ip("10.1." + (i / 250) + "." + (i % 250))
            .asn(16509).ua("python-requests/2.32").payment("pm-u-" + i).template(42)
            .created(T0 - (i % 100) * DAY), 0.1);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void benchmarkQuestionsAskedByManyResearchers_doNotLink() {
    Stream s = new Stream(6);
    // 50 eval harnesses run the same 80 mt-bench questions and judge prompts, each from its own lab.
    for (int i = 0; i < 50; i++) {
      long start = s.randomTime(T0, 2 * DAY);
      for (int q = 0; q < 80; q++) {
        long ts = start + q * 2000L;
        s.add(ts, Traffic.at(ts).account("lab-" + i).ip("100.64." + i + ".1").asn(1000 + i)
            .payment("pm-lab-" + i).template(60_000 + q).grader(q % 2 == 0).cot(q % 5 == 0 ? 0.7f : 0)
            .created(T0 - (30 + i) * DAY), 0.2);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void threeLabsSharingOnlyAJudgeTemplateAndReleaseDayReruns_areNotPublished() {
    Stream s = new Stream(61);
    // low-and-slow seed 17's three eval harnesses: separate customers, heavy step-by-step prompts,
    // the public judge template, each re-running its suite within hours of a release
    long release = T0 + 3 * DAY;
    s.add(release, Traffic.at(release).account("early-adopter").model("model-new"), 0.05);
    for (int i = 0; i < 3; i++) {
      long created = T0 - (200 + 40 * i) * DAY;
      for (int k = 0; k < 300; k++) {
        boolean rerun = k >= 200;
        long ts = rerun
            ? release + HOUR + i * 10 * MIN + (k - 200) * 20_000L
            : s.randomTime(T0, 3 * DAY - HOUR);
        boolean judge = k % 7 == 0;
        s.add(ts, Traffic.at(ts).account("lab-" + i).ip("100.64." + i + ".1").asn(1000 + i)
            .payment("pm-lab-" + i).created(created).model(rerun ? "model-new" : "frontier-large")
            .template(judge ? 61_000 : s.rnd.nextLong()).grader(judge).cot(0.72f)
            .topic(k % 8), 0.19);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void sharedCloudEgressIpAlone_neverLinks() {
    Stream s = new Stream(7);
    for (int i = 0; i < 30; i++) {
      for (int k = 0; k < 10; k++) {
        long ts = s.randomTime(T0, DAY);
        s.add(ts, Traffic.at(ts).account("nat-" + i).ip("192.0.2.200").asn(16509)
            .payment("pm-nat-" + i).template(s.rnd.nextLong()).cot(0.9f)
            .created(T0 - (i * 7L) * DAY), 0.45);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void benignStartupSharingCardAndOffice_isNotPublished() {
    Stream s = new Stream(8);
    // No org id, one card, one office IP, ordinary chat: linked, but nothing distillation-like.
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < 20; k++) {
        long ts = s.randomTime(T0, DAY);
        s.add(ts, Traffic.at(ts).account("startup-" + i).ip("192.0.2.55").payment("pm-startup")
            .template(s.rnd.nextLong()).topic(3).created(T0 - 90 * DAY), 0.05);
      }
    }
    assertThat(s.run().campaigns()).isEmpty();
  }

  @Test
  void customersOfOneRagFramework_chainedByItsTemplatesAndBusinessHours_areNotFlagged() {
    // anthropic-scale: 15 companies with 8 keys each (no org id), each key sending its company's
    // prompt on every request (a signature inside the company), all using the framework's few
    // retrieval templates in the same busy hours, each scoring above ordinary accounts (heavy
    // templated use). Templates and rhythm chain the companies into one linked group; only 8
    // accounts at a time are tied operationally, so the group is not "120 accounts acting as one".
    Stream s = new Stream(21);
    s.benign(300, 6, 2 * DAY);
    Random rnd = new Random(22);
    int[] busy = new int[48];
    for (int h = 0; h < 48; h++) {
      busy[h] = rnd.nextInt(3) == 0 ? 5 : 0;
    }
    List<String> rag = new ArrayList<>();
    for (int company = 0; company < 15; company++) {
      for (int key = 0; key < 8; key++) {
        String id = "rag-" + company + "-" + key;
        rag.add(id);
        long created = T0 - (100 + rnd.nextInt(800)) * DAY;
        for (int h = 0; h < 48; h++) {
          for (int k = 0; k < busy[h]; k++) {
            long ts = T0 + h * HOUR + rnd.nextInt(3_000_000);
            s.add(ts, Traffic.at(ts).account(id).system(60_000 + company).template(70_000 + rnd.nextInt(6))
                .payment("pm-" + id).ip("198.18." + company + "." + key).asn(64600 + company)
                .created(created).topic(rnd.nextInt(64)), 0.3);
          }
        }
      }
    }
    CampaignLinker linker = s.run();

    assertThat(linker.campaigns()).noneMatch(c -> c.verdict() == Verdict.DISTILLATION);
    for (String a : rag) {
      assertThat(linker.linkedFlagTime(a)).isEqualTo(Assessment.NEVER);
    }
  }

  @Test
  void correlatedActivity_isTheSecondKindOfEvidence() {
    // Ten accounts share one rare template; nothing else, and none behaves like a distiller on its
    // own. Linked only when their hourly activity moves together (one scheduler driving them).
    CampaignLinker synced = CampaignLinkers.createDefault();
    CampaignLinker unsynced = CampaignLinkers.createDefault();
    Random rnd = new Random(9);
    List<Ev> a = new ArrayList<>();
    List<Ev> b = new ArrayList<>();
    int[] schedule = new int[48];
    for (int h = 0; h < 48; h++) {
      schedule[h] = rnd.nextInt(4) == 0 ? 6 : 0;
    }
    for (int i = 0; i < 10; i++) {
      for (int h = 0; h < 48; h++) {
        for (int k = 0; k < schedule[h]; k++) {
          long ts = T0 + h * HOUR + rnd.nextInt(3_000_000);
          a.add(new Ev(Traffic.at(ts).account("s-" + i).payment("pm-s-" + i).template(88_000)
              .cot(0.45f).ip("203.0.113." + i), 0.3, ts));
        }
        int own = rnd.nextInt(4) == 0 ? 6 : 0;
        for (int k = 0; k < own; k++) {
          long ts = T0 + h * HOUR + rnd.nextInt(3_000_000);
          b.add(new Ev(Traffic.at(ts).account("s-" + i).payment("pm-s-" + i).template(88_000)
              .cot(0.45f).ip("203.0.113." + i), 0.3, ts));
        }
      }
    }
    feed(synced, a);
    feed(unsynced, b);
    assertThat(synced.campaigns()).hasSize(1);
    assertThat(synced.campaigns().get(0).accounts()).hasSize(10);
    assertThat(synced.campaigns().get(0).reasons()).extracting(r -> r.signal())
        .contains("activity_correlation");
    assertThat(unsynced.campaigns()).isEmpty();
  }

  @Test
  void correlatedActivity_linksDistillersThatHaveLivedHalfADayTogether() {
    // A hydra on clean infrastructure (own cards, own addresses): its workers share a rare
    // template and a scheduler, nothing else. Twenty hours in they are one campaign; correlation
    // used to wait for a whole day of both lives, and their tokens were served meanwhile.
    CampaignLinker linker = CampaignLinkers.createDefault();
    Random rnd = new Random(17);
    List<Ev> events = new ArrayList<>();
    for (int h = 0; h < 20; h++) {
      int n = rnd.nextInt(3) == 0 ? 6 : 0;
      for (int i = 0; i < 10; i++) {
        for (int k = 0; k < n; k++) {
          long ts = T0 + h * HOUR + rnd.nextInt(3_000_000);
          events.add(new Ev(Traffic.at(ts).account("c-" + i).payment("pm-c-" + i).template(88_100)
              .cot(0.9f).ip("198.51." + (10 + i) + ".7"), 0.9, ts));
        }
      }
    }
    feed(linker, events);
    assertThat(linker.campaigns()).hasSize(1);
    assertThat(linker.campaigns().get(0).accounts()).hasSize(10);
  }

  @Test
  void distillersEachNamingOnePromptFamilyFromHome_linkWhenTheirActivityMovesTogether() {
    // A hydra under per-worker disguises (mixed-week seed 11): each worker rotates three public
    // prompts with a name of its own in each, from its own address, and asks for the working. Its
    // templates hold its name, so they are near-duplicates of the others' (two SimHash bands of
    // four in common, under the threshold); it is committed to no prompt, so there is no
    // signature. What ties the workers is the main prompt's family and one scheduler.
    List<CampaignAssessment> synced = namedFamilyWorkers(true);
    assertThat(synced).hasSize(1);
    assertThat(synced.get(0).accounts()).hasSize(12);
    assertThat(namedFamilyWorkers(false)).isEmpty(); // each on its own schedule
  }

  /** The campaigns of the workers above (12 of 312 accounts), on one schedule or not. */
  private static List<CampaignAssessment> namedFamilyWorkers(boolean synced) {
    Stream s = new Stream(13);
    s.benign(300, 6, 3 * DAY);
    int[] schedule = new int[72];
    for (int h = 0; h < schedule.length; h++) {
      schedule[h] = s.rnd.nextInt(4) == 0 ? 8 : 0;
    }
    long shared = 0x5A5A_3C3C_0000_0000L;
    for (int i = 0; i < 12; i++) {
      int k = 0;
      for (int h = 0; h < schedule.length; h++) {
        int n = synced ? schedule[h] : s.rnd.nextInt(4) == 0 ? 8 : 0;
        for (int j = 0; j < n; j++, k++) {
          long ts = T0 + h * HOUR + s.rnd.nextInt(3_000_000);
          int p = k % 4 < 2 ? 0 : k % 4 - 1; // family 0 on half the requests: committed to none
          s.add(ts, ownHome(Traffic.at(ts).account("named-" + i), i).payment("pm-n-" + i)
              .template(900_000 + 1_000L * i + k).simhash(shared | (i * 7919L + k % 5))
              .system(60_000 + 100 * p + i, 4343 + p).cot(0.9f), 0.4);
        }
      }
    }
    return s.run().campaigns();
  }

  /**
   * 40 accounts linked by their creation minutes and templates, 12 requests each
   * 4 hours apart; request {@code k} goes to {@code model.apply(k)}.
   */
  private static List<Ev> releaseGroup(IntFunction<String> model) {
    List<Ev> out = new ArrayList<>();
    Random rnd = new Random(11);
    for (int i = 0; i < 40; i++) {
      long created = T0 - 2 * HOUR + rnd.nextInt(10) * MIN;
      for (int k = 0; k < 12; k++) {
        long ts = T0 + k * 4 * HOUR + rnd.nextInt(30) * MIN;
        out.add(new Ev(Traffic.at(ts).account("rp-" + i).created(created).template(77_000 + k)
            .ip("192.0.2." + (i + 1)).payment("pm-rp-" + i).cot(0.1f).model(model.apply(k)),
            0.4, ts));
      }
    }
    return out;
  }

  /** Somebody else asks the new model first, so it is "new" when the group arrives. */
  private static List<Ev> withEarlyAdopter(List<Ev> events) {
    long firstSight = T0 + 23 * HOUR;
    events.add(new Ev(Traffic.at(firstSight).account("early-adopter").model("model-new"), 0.05,
        firstSight));
    return events;
  }

  @Test
  void linkedGroupMovingToANewReleaseTogether_scoresHigherThanTheSameGroupStayingPut() {
    List<Ev> moved = withEarlyAdopter(releaseGroup(k -> k >= 6 ? "model-new" : "frontier-large"));
    List<Ev> stayed = releaseGroup(k -> "frontier-large");
    CampaignLinker a = CampaignLinkers.createDefault();
    CampaignLinker b = CampaignLinkers.createDefault();
    feed(a, moved);
    feed(b, stayed);

    assertThat(a.campaigns()).hasSize(1);
    assertThat(b.campaigns()).hasSize(1);
    CampaignAssessment pivoted = a.campaigns().get(0);
    assertThat(pivoted.risk()).isGreaterThan(b.campaigns().get(0).risk() + 0.05);
    assertThat(pivoted.reasons())
        .filteredOn(r -> r.signal().equals("joint_model_pivot"))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(40));
  }

  @Test
  void groupThatTriesANewReleaseButStaysOnItsModel_getsNoCreditForAPivot() {
    // everybody asks the release once on its first day, then goes back to what they used
    List<Ev> tried = withEarlyAdopter(releaseGroup(k -> k == 6 ? "model-new" : "frontier-large"));
    CampaignLinker linker = CampaignLinkers.createDefault();
    feed(linker, tried);

    assertThat(linker.campaigns()).hasSize(1);
    assertThat(linker.campaigns().get(0).reasons()).extracting(r -> r.signal())
        .doesNotContain("joint_model_pivot");
  }

  /**
   * 50 users of one chat client whose fixed system prompt asks for step-by-step answers, among 300
   * ordinary accounts opened over 200 days: {@code conversing} of their requests follow up
   * their own earlier ones, and their accounts were opened over {@code createdSpan}; each sends
   * {@code requests}.
   */
  static CampaignLinker chatClientUsers(
      CampaignConfig config, double conversing, long createdSpan, int requests) {
    return chatClientUsers(config, conversing, createdSpan, requests, false);
  }

  /** As above; with {@code madeUp} the conversing requests carry history the account never sent. */
  static CampaignLinker chatClientUsers(
      CampaignConfig config, double conversing, long createdSpan, int requests, boolean madeUp) {
    Stream s = new Stream(23);
    s.benign(300, 5, 3 * DAY);
    for (int i = 0; i < 50; i++) {
      String id = "client-" + i;
      long created = T0 - DAY - (long) (s.rnd.nextDouble() * createdSpan);
      for (int k = 0; k < requests; k++) {
        long ts = s.randomTime(T0, 3 * DAY);
        Traffic t = Traffic.at(ts).account(id).ip("100.64." + (i / 200) + "." + i)
            .asn(7922 + i % 9).created(created).payment("pm-" + id).template(s.rnd.nextLong())
            .topic(s.rnd.nextInt(64)).system(0xC11E47).cot(0.95f);
        int turns = s.rnd.nextDouble() < conversing ? 2 : 0;
        s.add(ts, madeUp ? t.madeUpTurns(turns) : t.turns(turns), 0.3);
      }
    }
    return s.run(CampaignLinkers.create(config));
  }

  static boolean flagsAnyClientUser(CampaignLinker linker) {
    return linker.campaigns().stream()
        .filter(c -> c.verdict() == Verdict.DISTILLATION)
        .anyMatch(c -> c.accounts().stream().anyMatch(a -> a.startsWith("client-")));
  }

  @Test
  void usersOfOneChatClient_whoConverseOnAccountsOpenedOverMonths_areNotFlaggedAsACampaign() {
    CampaignLinker people = chatClientUsers(CampaignConfig.defaults(), 0.3, 200 * DAY, 12);

    assertThat(flagsAnyClientUser(people)).isFalse();
    assertThat(people.campaignOf("client-0")).satisfiesAnyOf(
        c -> assertThat(c).isNull(),
        c -> assertThat(c.reasons()).extracting(r -> r.signal()).contains("independent_members"));
  }

  @Test
  void usersOfOneChatClient_whoConverse_areNotFlaggedOnTheirFirstRequests_butOneShotSendersAre() {
    // Two requests each: a young group, whose joint behaviour alone used to flag it.
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 0.3, 200 * DAY, 2)))
        .isFalse();
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 0, 200 * DAY, 2)))
        .isTrue();
  }

  @Test
  void theSameClientPrompt_isFlagged_whenItsSendersOnlySendOneShotPrompts() {
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 0, 200 * DAY, 12)))
        .isTrue();
  }

  @Test
  void theSameClientPrompt_isFlagged_whenItsSendersHistoryIsMadeUp() {
    // Few-shot or replayed exchanges before each question look like conversation, but no request
    // follows up one the account sent: no discount, as for one-shot senders.
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 0.3, 200 * DAY, 12, true)))
        .isTrue();
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 1, 200 * DAY, 12, true)))
        .isTrue();
  }

  @Test
  void theSameClientPrompt_isFlagged_whenItsSendersAccountsWereOpenedTogether() {
    assertThat(flagsAnyClientUser(chatClientUsers(CampaignConfig.defaults(), 0.3, 2 * DAY, 12)))
        .isTrue();
  }

  @Test
  void jointPivotToNewModel_isTheSecondKindOfEvidence() {
    CampaignLinker pivot = CampaignLinkers.createDefault();
    CampaignLinker noPivot = CampaignLinkers.createDefault();
    List<Ev> a = new ArrayList<>();
    List<Ev> b = new ArrayList<>();
    Random rnd = new Random(10);
    for (int i = 0; i < 8; i++) {
      for (int k = 0; k < 6; k++) {
        long ts = T0 + rnd.nextInt(20) * HOUR + i * MIN + k;
        Ev ev = new Ev(Traffic.at(ts).account("p-" + i).template(99_000).cot(0.45f)
            .payment("pm-p-" + i).model("model-v1"), 0.3, ts);
        a.add(ev);
        b.add(ev);
      }
      long release = T0 + 30 * HOUR + i * MIN;
      a.add(new Ev(Traffic.at(release).account("p-" + i).template(99_000).cot(0.45f)
          .payment("pm-p-" + i).model("model-v2"), 0.3, release));
      long own = T0 + 30 * HOUR + i * 5 * HOUR;
      b.add(new Ev(Traffic.at(own).account("p-" + i).template(99_000).cot(0.45f)
          .payment("pm-p-" + i).model("model-v2"), 0.3, own));
    }
    feed(pivot, a);
    feed(noPivot, b);
    assertThat(pivot.campaigns()).hasSize(1);
    assertThat(pivot.campaigns().get(0).reasons()).extracting(r -> r.signal())
        .contains("joint_model_pivot");
    assertThat(noPivot.campaigns()).isEmpty();
  }

  @Test
  void jointPivot_isStillSeen_afterAnAccountFloodedTheLinkerWithMadeUpModelNames() {
    CampaignLinker linker = CampaignLinkers.createDefault();
    List<Ev> events = new ArrayList<>();
    Random rnd = new Random(10);
    // Days before: one account sends 5,000 made-up names that an accepting upstream served; just
    // before the release, 5,000 more that the upstream refused.
    for (int n = 0; n < 5_000; n++) {
      long ts = T0 - 4 * DAY + n * 1_000L;
      events.add(new Ev(Traffic.at(ts).account("flood").model("junk-" + n), 0.0, ts));
      long late = T0 + 29 * HOUR + n * 100L;
      events.add(new Ev(Traffic.at(late).account("flood").model("refused-" + n).status(404), 0.0,
          late));
    }
    for (int i = 0; i < 8; i++) {
      for (int k = 0; k < 6; k++) {
        long ts = T0 + rnd.nextInt(20) * HOUR + i * MIN + k;
        events.add(new Ev(Traffic.at(ts).account("p-" + i).template(99_000).cot(0.45f)
            .payment("pm-p-" + i).model("model-v1"), 0.3, ts));
      }
      long release = T0 + 30 * HOUR + i * MIN;
      events.add(new Ev(Traffic.at(release).account("p-" + i).template(99_000).cot(0.45f)
          .payment("pm-p-" + i).model("model-v2"), 0.3, release));
    }
    feed(linker, events);
    assertThat(linker.campaigns()).hasSize(1);
    assertThat(linker.campaigns().get(0).reasons()).extracting(r -> r.signal())
        .contains("joint_model_pivot");
  }

  @Test
  void creationBurstPlusSharedCard_linksLightAccounts_butBurstAlonedoesNot() {
    Stream s = new Stream(11);
    s.benign(100, 5, DAY);
    List<String> cardA = new ArrayList<>();
    List<String> cardB = new ArrayList<>();
    // 12 light accounts created within four minutes on two cards, plus 6 created in the same
    // minutes on their own cards: the burst alone is one kind of evidence, not enough.
    for (int i = 0; i < 18; i++) {
      String id = "burst-" + i;
      String pm = i < 12 ? "pm-burst-" + (i % 2) : "pm-own-" + i;
      if (i < 12) {
        (i % 2 == 0 ? cardA : cardB).add(id);
      }
      for (int k = 0; k < 3; k++) {
        long ts = s.randomTime(T0, DAY);
        s.add(ts, Traffic.at(ts).account(id).created(T0 - 2 * HOUR + i * 10_000L)
            .payment(pm).template(s.rnd.nextLong()).cot(0.9f).ip("203.0.113." + i), 0.3);
      }
    }
    List<CampaignAssessment> campaigns = s.run().campaigns();
    Set<Set<String>> got = campaigns.stream().map(CampaignLinkerTest::members).collect(Collectors.toSet());
    assertThat(got).containsExactlyInAnyOrder(new HashSet<>(cardA), new HashSet<>(cardB));
    assertThat(campaigns.get(0).reasons())
        .filteredOn(r -> r.signal().equals("creation_burst"))
        .singleElement()
        .satisfies(r -> assertThat(r.detail())
            .matches("\\d+ linked pairs were created within the same 10 minutes; all 6 members within"
                + " 0\\.\\d hours"));
  }

  @Test
  void sameStream_givesSameCampaignsAndIds() {
    List<CampaignAssessment> first = twoHydraRun(12);
    List<CampaignAssessment> second = twoHydraRun(12);
    assertThat(second).isEqualTo(first);
  }

  private static List<CampaignAssessment> twoHydraRun(long seed) {
    Stream s = new Stream(seed);
    s.benign(100, 6, 2 * DAY);
    s.hydra("red", 20, 6, 2 * DAY, 0.3);
    s.hydra("blue", 30, 6, 2 * DAY, 0.3);
    return s.run().campaigns();
  }

  @Test
  void growingCampaign_keepsItsIdAcrossReclusterings() {
    Stream s = new Stream(13);
    s.hydra("grow", 40, 10, 4 * DAY, 0.3);
    s.events.sort(Comparator.comparingLong(Ev::ts));
    CampaignLinker linker = CampaignLinkers.createDefault();
    // Once the campaign is big (half the hydra), its id must not change while it keeps growing.
    Set<String> idsOnceBig = new HashSet<>();
    for (Ev e : s.events) {
      e.t().to(linker, e.risk());
      for (CampaignAssessment c : linker.campaigns()) {
        if (c.accounts().size() >= 20) {
          idsOnceBig.add(c.campaignId());
        }
      }
    }
    assertThat(idsOnceBig).hasSize(1);
    assertThat(linker.campaigns()).singleElement().satisfies(c -> {
      assertThat(c.campaignId()).isEqualTo(idsOnceBig.iterator().next());
      assertThat(c.accounts()).hasSize(40);
    });
  }

  @Test
  void linkedFlagTime_isNeverBeforeTheAccountJoinsOrTheCampaignIsFlagged() {
    Stream s = new Stream(14);
    List<String> hydra = s.hydra("late", 30, 6, DAY, 0.3);
    // One more member that only starts three days later.
    for (int k = 0; k < 6; k++) {
      long ts = T0 + 3 * DAY + k * HOUR;
      s.add(ts, Traffic.at(ts).account("late-joiner").created(T0 - 3 * HOUR).payment("pm-late-1")
          .template(1_000_000L + "late".hashCode() * 1000L + k).cot(0.9f).ip("203.0.113.9"), 0.3);
    }
    CampaignLinker linker = s.run();
    CampaignAssessment c = linker.campaignOf("late-joiner");
    assertThat(c).isNotNull();
    assertThat(c.accounts()).containsAll(hydra);
    assertThat(linker.linkedFlagTime("late-joiner")).isGreaterThanOrEqualTo(T0 + 3 * DAY);
    assertThat(linker.linkedFlagTime(hydra.get(0))).isLessThan(T0 + DAY + HOUR);
    assertThat(linker.linkedFlagTime(hydra.get(0))).isGreaterThanOrEqualTo(c.firstFlaggedAtMillis());
  }

  @Test
  void garbageFields_doNotCrashOrLink() {
    CampaignLinker linker = CampaignLinkers.createDefault();
    String huge = "x".repeat(100_000);
    String[] ips = {"", "::", "1.2.3", "999.1.1.1", "1.2.3.4.5", "fe80::1%eth0", "::ffff:1.2.3.4",
        "g::1", huge, "1:2:3:4:5:6:7:8:9", "2001:db8::1"};
    for (int i = 0; i < 200; i++) {
      long ts = T0 + i * 1000L;
      Traffic t = Traffic.at(ts).account(i % 2 == 0 ? huge : "a" + i).ip(ips[i % ips.length])
          .ua(i % 3 == 0 ? null : huge).asn(i % 5 - 1).payment(i % 4 == 0 ? huge : null)
          .model(i % 7 == 0 ? huge : "m").created(i % 6 == 0 ? Long.MIN_VALUE + 1 : T0);
      linker.observe(t.exchange(), t.features(), i % 3 == 0 ? Double.NaN : 7.0, false);
    }
    linker.observe(null, null, 0, false);
    Traffic t = Traffic.at(T0);
    linker.observe(t.exchange(), new ExchangeFeatures(0, 0, 0, 0, 0, -5, Float.NaN, -1f, false,
        false, -1, 0, false, Float.NaN), 0.5, false);
    assertThat(linker.campaigns()).isEmpty();
    assertThat(linker.campaignOf("unknown")).isNull();
    assertThat(linker.linkedFlagTime("unknown")).isEqualTo(Assessment.NEVER);
  }

  private static void feed(CampaignLinker linker, List<Ev> events) {
    events.sort(Comparator.comparingLong(Ev::ts));
    for (Ev e : events) {
      e.t().to(linker, e.risk());
    }
  }
}
