package io.distillguard.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.distillguard.core.ingest.Exchange;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AccountProfileTest {

  private static AccountProfile of(List<Personas.Event> events) {
    return Personas.profile(events);
  }

  /** Derived values that must agree exactly between two profiles of the same traffic. */
  private static void assertSameCounts(AccountProfile a, AccountProfile b) {
    assertSameCountsButFollowUps(a, b);
    assertThat(a.multiTurnCount()).isEqualTo(b.multiTurnCount());
  }

  /** As {@link #assertSameCounts}, but follow-ups may differ (they depend on the turns before). */
  private static void assertSameCountsButFollowUps(AccountProfile a, AccountProfile b) {
    assertThat(a.events()).isEqualTo(b.events());
    assertThat(a.firstSeenMillis()).isEqualTo(b.firstSeenMillis());
    assertThat(a.lastSeenMillis()).isEqualTo(b.lastSeenMillis());
    assertThat(a.accountAgeAtFirstSightMillis()).isEqualTo(b.accountAgeAtFirstSightMillis());
    assertThat(a.cotCount()).isEqualTo(b.cotCount());
    assertThat(a.metaReasoningCount()).isEqualTo(b.metaReasoningCount());
    assertThat(a.graderCount()).isEqualTo(b.graderCount());
    assertThat(a.taskGenerationCount()).isEqualTo(b.taskGenerationCount());
    assertThat(a.harvestCount()).isEqualTo(b.harvestCount());
    assertThat(a.harvestFlagsSeen()).isEqualTo(b.harvestFlagsSeen());
    assertThat(a.toolUseCount()).isEqualTo(b.toolUseCount());
    assertThat(a.rateLimitedCount()).isEqualTo(b.rateLimitedCount());
    assertThat(a.completionTokensTotal()).isEqualTo(b.completionTokensTotal());
    assertThat(a.longOutputCount()).isEqualTo(b.longOutputCount());
    assertThat(a.shortOutputCount()).isEqualTo(b.shortOutputCount());
    assertThat(a.topicBitmap()).isEqualTo(b.topicBitmap());
    assertThat(a.hourCounts()).isEqualTo(b.hourCounts());
    assertThat(a.distinctModels()).isEqualTo(b.distinctModels());
  }

  /** Distinct counts agree within 4 relative standard errors of the coarsest sketch (lgK 6). */
  private static void assertDistinctClose(AccountProfile a, AccountProfile b) {
    double tol = 4 * 1.04 / Math.sqrt(1 << AccountProfile.LGK_SMALL);
    assertClose(a.distinctTemplates(), b.distinctTemplates(), tol);
    assertClose(a.distinctPrompts(), b.distinctPrompts(), tol);
    assertClose(a.distinctSystemPrompts(), b.distinctSystemPrompts(), tol);
    assertClose(a.distinctIps(), b.distinctIps(), tol);
    assertClose(a.distinctUserAgents(), b.distinctUserAgents(), tol);
    assertClose(a.distinctAsns(), b.distinctAsns(), tol);
    assertClose(a.distinctToolsets(), b.distinctToolsets(), tol);
  }

  private static void assertCloseOrNaN(double a, double b, double relTol) {
    if (Double.isNaN(b)) {
      assertThat(a).isNaN();
    } else {
      assertThat(a).isCloseTo(b, Offset.offset(relTol * Math.max(1, Math.abs(b))));
    }
  }

  private static void assertClose(double a, double b, double relTol) {
    assertThat(a).isCloseTo(b, Offset.offset(relTol * Math.max(a, b) + 1e-9));
  }

  @Test
  void update_smallAccount_countsExactly() {
    AccountProfile p = of(List.of(
        Personas.ev().ts(Personas.T0).cot(0.9f).prompt(1).template(7).ip("1.1.1.1").build(),
        Personas.ev().ts(Personas.T0 + 2_000).meta(0.9f).prompt(2).template(7).ip("1.1.1.2").build(),
        Personas.ev().ts(Personas.T0 + 4_000).prompt(2).template(8).ip("1.1.1.2").tokens(10, 20).build()));
    assertThat(p.events()).isEqualTo(3);
    assertThat(p.cotCount()).isEqualTo(1);
    assertThat(p.metaReasoningCount()).isEqualTo(1);
    assertThat(p.distinctPrompts()).isEqualTo(2);
    assertThat(p.distinctTemplates()).isEqualTo(2);
    assertThat(p.distinctIps()).isEqualTo(2);
    assertThat(p.topTemplateShare()).isCloseTo(2.0 / 3, Offset.offset(1e-9));
    assertThat(p.gapCount()).isEqualTo(2);
    assertThat(p.gapMeanSeconds()).isCloseTo(2.0, Offset.offset(1e-9));
    assertThat(p.gapCv()).isCloseTo(0.0, Offset.offset(1e-9));
    assertThat(p.shortOutputCount()).isEqualTo(1);
    assertThat(p.accountAgeAtFirstSightMillis()).isEqualTo(400 * Personas.DAY);
  }

  @Test
  void serializedSize_oneExchange_under256Bytes() {
    AccountProfile p = of(RandomTraffic.of(1, 1));
    assertThat(p.toBytes().length).isLessThan(256);
  }

  @Test
  void serializedSize_100kDiverseExchanges_atMost2KiB() {
    assertThat(saturatedProfileBytes(100_000)).isLessThanOrEqualTo(2048);
  }

  @Test
  @org.junit.jupiter.api.Tag("slow")
  void serializedSize_millionDiverseExchanges_atMost2KiB() {
    assertThat(saturatedProfileBytes(1_000_000)).isLessThanOrEqualTo(2048);
  }

  /** Every distinct counter saturated: new IPs, UAs, ASNs, templates, prompts, tool sets each time. */
  private static int saturatedProfileBytes(int events) {
    AccountProfile p = new AccountProfile();
    SplittableRandom r = new SplittableRandom(3);
    long ts = Personas.T0;
    for (int i = 0; i < events; i++) {
      ts += r.nextInt(4000);
      Personas.Event e = Personas.ev().ts(ts).ip("10." + r.nextInt(256) + "." + r.nextInt(256) + ".1")
          .ua("ua" + r.nextInt(100_000)).asn(r.nextInt(100_000)).model("m" + r.nextInt(20))
          .template(r.nextLong()).prompt(r.nextLong()).system(r.nextLong()).topic(r.nextInt(64))
          .tokens(r.nextInt(4000), r.nextInt(4000)).cot(r.nextFloat())
          .tools(List.of("t" + r.nextInt(100_000))).build();
      p.update(e.exchange(), e.features());
    }
    int size = p.toBytes().length;
    System.out.println("profile bytes after " + events + " diverse exchanges: " + size);
    return size;
  }

  @Test
  void distinctCount_withinFourStandardErrorsOfTruth() {
    qt().withExamples(40).forAll(integers().between(1, 200_000), longs().all()).checkAssert((n, seed) -> {
      AccountProfile p = new AccountProfile();
      SplittableRandom r = new SplittableRandom(seed);
      Personas.Ev ev = Personas.ev();
      for (int i = 0; i < n; i++) {
        long h = r.nextLong() | 1; // nonzero
        Personas.Event e = ev.ts(Personas.T0 + i).template(h).prompt(h).build();
        p.update(e.exchange(), e.features());
      }
      double rse = 1.04 / Math.sqrt(1 << AccountProfile.LGK_MAIN);
      if (n <= DistinctCounter.EXACT_CAPACITY) {
        assertThat(p.distinctPrompts()).isEqualTo((double) n);
      } else {
        assertThat(p.distinctPrompts()).isCloseTo(n, Offset.offset(4 * rse * n + 1));
      }
    });
  }

  @Test
  void roundTrip_randomTraffic_sameStateAndBytes() {
    qt().withExamples(60).forAll(longs().all(), integers().between(0, 3000)).checkAssert((seed, n) -> {
      AccountProfile p = of(RandomTraffic.of(seed, n));
      byte[] b = p.toBytes();
      AccountProfile q = AccountProfile.fromBytes(b);
      assertSameCounts(p, q);
      assertThat(q.distinctPrompts()).isEqualTo(p.distinctPrompts());
      assertThat(q.distinctIps()).isEqualTo(p.distinctIps());
      assertThat(q.topTemplateCount()).isLessThanOrEqualTo(p.events());
      assertCloseOrNaN(q.gapCv(), p.gapCv(), 1e-3);
      // the frequent-items sketch may lay out its hash map differently after a round trip
      byte[] again = q.toBytes();
      assertThat(again).hasSameSizeAs(b);
      assertSameCounts(AccountProfile.fromBytes(again), p);
    });
  }

  @Test
  void fromBytes_garbage_rejectedWithIllegalArgument() {
    qt().withExamples(300).forAll(longs().all(), integers().between(0, 400)).checkAssert((seed, len) -> {
      SplittableRandom r = new SplittableRandom(seed);
      byte[] b = new byte[len];
      for (int i = 0; i < len; i++) {
        b[i] = (byte) r.nextInt(256);
      }
      if (len > 0 && r.nextBoolean()) {
        b[0] = AccountProfile.FORMAT_VERSION;
      }
      try {
        AccountProfile.fromBytes(b);
      } catch (IllegalArgumentException expected) {
        // the only acceptable failure
      }
    });
  }

  @Test
  void fromBytes_truncatedRealProfile_rejected() {
    byte[] b = of(RandomTraffic.of(5, 500)).toBytes();
    for (int cut = 0; cut < b.length; cut += 7) {
      byte[] t = java.util.Arrays.copyOf(b, cut);
      assertThatThrownBy(() -> AccountProfile.fromBytes(t)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void merge_twoHalves_equalsSingleStreamWithinSketchBounds() {
    qt().withExamples(40).forAll(longs().all(), integers().between(0, 4000), integers().between(0, 100))
        .checkAssert((seed, n, pct) -> {
          List<Personas.Event> all = RandomTraffic.of(seed, n);
          int cut = n * pct / 100;
          AccountProfile a = of(all.subList(0, cut));
          AccountProfile b = of(all.subList(cut, n));
          a.merge(b);
          AccountProfile single = of(all);
          assertSameCountsButFollowUps(a, single);
          assertDistinctClose(a, single);
          // one gap (the boundary) is not counted by the merge, nor are the second half's
          // follow-ups of a turn only the first half saw: those before its first opening request
          // (Personas' follow-ups answer the account's opening turn)
          assertThat(a.gapCount()).isBetween(single.gapCount() - 1, single.gapCount());
          long unseen = 0;
          for (Personas.Event e : all.subList(cut, n)) {
            if (e.features().assistantTurns() == 0) {
              break;
            }
            unseen += e.features().toolUse() ? 0 : 1;
          }
          assertThat(a.multiTurnCount())
              .isBetween(single.multiTurnCount() - unseen, single.multiTurnCount());
        });
  }

  @Test
  void merge_commutative() {
    qt().withExamples(40).forAll(longs().all(), longs().all(), integers().between(0, 2000)).checkAssert((s1, s2, n) -> {
      AccountProfile ab = of(RandomTraffic.of(s1, n));
      ab.merge(of(RandomTraffic.of(s2, n / 2)));
      AccountProfile ba = of(RandomTraffic.of(s2, n / 2));
      ba.merge(of(RandomTraffic.of(s1, n)));
      assertSameCounts(ab, ba);
      assertDistinctClose(ab, ba);
      assertCloseOrNaN(ab.gapCv(), ba.gapCv(), 1e-6);
    });
  }

  @Test
  void merge_associative() {
    qt().withExamples(30).forAll(longs().all(), integers().between(0, 1500)).checkAssert((seed, n) -> {
      List<Personas.Event> x = RandomTraffic.of(seed, n);
      List<Personas.Event> y = RandomTraffic.of(seed + 1, n / 3);
      List<Personas.Event> z = RandomTraffic.of(seed + 2, n / 2);
      AccountProfile left = of(x);
      left.merge(of(y));
      left.merge(of(z));
      AccountProfile yz = of(y);
      yz.merge(of(z));
      AccountProfile right = of(x);
      right.merge(yz);
      assertSameCounts(left, right);
      assertDistinctClose(left, right);
    });
  }

  @Test
  void merge_emptyProfile_changesNothing() {
    AccountProfile p = of(RandomTraffic.of(9, 100));
    byte[] before = p.toBytes();
    p.merge(new AccountProfile());
    assertThat(p.toBytes()).isEqualTo(before);
    AccountProfile e = new AccountProfile();
    e.merge(p);
    assertSameCounts(e, p);
  }

  @Test
  void update_hugeAttackerStrings_hashedNotKept() {
    String big = "x".repeat(1_000_000);
    Personas.Event e = Personas.ev().ip(big).ua(big).model(big).build();
    AccountProfile p = new AccountProfile();
    p.update(e.exchange(), e.features());
    assertThat(p.toBytes().length).isLessThan(300);
    assertThat(p.accountAgeAtFirstSightMillis()).isNotEqualTo(Exchange.ABSENT);
  }
}
