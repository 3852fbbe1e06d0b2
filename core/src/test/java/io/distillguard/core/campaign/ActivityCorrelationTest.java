package io.distillguard.core.campaign;

import static io.distillguard.core.campaign.Traffic.HOUR;
import static io.distillguard.core.campaign.Traffic.MIN;
import static io.distillguard.core.campaign.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.core.features.ExchangeFeatures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivityCorrelationTest {
  private static final GraphCampaignLinker LINKER =
      (GraphCampaignLinker) CampaignLinkers.create(CampaignConfig.defaults());
  private static final ExchangeFeatures FEATURES = Traffic.at(T0).features();
  private static final long START_HOUR = Math.floorDiv(T0, HOUR);

  /**
   * A scheduler's 40-minute window every 4 hours, starting 20 minutes before an hour boundary: the
   * same active hours for every worker, but a random split of each window's requests between them.
   */
  private static AccountState scheduledWorker(int index, Random rnd, long phaseMinutes) {
    AccountState a = new AccountState(index, "w-" + index, 72);
    for (int window = 0; window < 12; window++) {
      long start = T0 + window * 4 * HOUR + phaseMinutes * MIN;
      int requests = 1 + rnd.nextInt(30);
      for (int k = 0; k < requests; k++) {
        a.record(start + rnd.nextInt(40) * MIN, FEATURES, 0.3, false);
      }
    }
    return a;
  }

  @Test
  void workersOfOneScheduler_areSynchronised_thoughTheirHourlyCountsAreNoisy() {
    Random rnd = new Random(3);
    AccountState a = scheduledWorker(0, rnd, 40);
    AccountState b = scheduledWorker(1, rnd, 40);

    assertThat(LINKER.correlation(a, b, START_HOUR + 47)).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void workersOfSchedulersTwoHoursApart_areNotSynchronised() {
    Random rnd = new Random(4);
    AccountState a = scheduledWorker(0, rnd, 40);
    AccountState b = scheduledWorker(1, rnd, 160);

    assertThat(LINKER.correlation(a, b, START_HOUR + 47)).isLessThan(0.8);
  }

  /**
   * A busy account with steady, independent traffic (90-110 requests in every whole hour), first
   * seen at {@code startMinute} past {@code firstHour}, last seen {@code currentMinutes} into
   * {@code firstHour + hours}: its first and its current hour hold only part of an hour's requests.
   */
  private static AccountState steadyAccount(
      int index, Random rnd, long firstHour, int startMinute, int hours, int currentMinutes) {
    AccountState a = new AccountState(index, "s-" + index, 72);
    for (int h = 0; h <= hours; h++) {
      long hourStart = (firstHour + h) * HOUR;
      int from = h == 0 ? startMinute : 0;
      int to = h == hours ? currentMinutes : 60;
      int requests = (90 + rnd.nextInt(21)) * (to - from) / 60;
      for (int k = 0; k < requests; k++) {
        a.record(hourStart + (from + rnd.nextInt(to - from)) * MIN, FEATURES, 0.0, false);
      }
    }
    return a;
  }

  @Test
  void busyAccountsInTheFirstMinutesOfAnHour_areNotSynchronisedByThatHoursFewRequests() {
    Random rnd = new Random(5);
    AccountState a = steadyAccount(0, rnd, START_HOUR - 48, 0, 48, 3);
    AccountState b = steadyAccount(1, rnd, START_HOUR - 48, 0, 48, 3);

    assertThat(LINKER.correlation(a, b, START_HOUR)).isLessThan(0.5);
  }

  @Test
  void busyAccountsFirstSeenInTheSameMinute_areNotSynchronisedByTheirFirstPartHour() {
    Random rnd = new Random(6);
    AccountState a = steadyAccount(0, rnd, START_HOUR - 48, 57, 47, 60);
    AccountState b = steadyAccount(1, rnd, START_HOUR - 48, 57, 47, 60);

    assertThat(LINKER.correlation(a, b, START_HOUR)).isLessThan(0.5);
  }

  /**
   * A busy account whose traffic follows its users' day (peak in the afternoon, trough at night)
   * with Poisson-like noise of its own: what a reseller or a popular app looks like.
   */
  private static AccountState dayCurveAccount(int index, Random rnd, long firstHour, int hours) {
    AccountState a = new AccountState(index, "d-" + index, 72);
    for (int h = 0; h < hours; h++) {
      double mean = 100 + 60 * Math.sin(2 * Math.PI * (h % 24) / 24.0);
      int requests = (int) Math.max(0, Math.round(mean + rnd.nextGaussian() * Math.sqrt(mean)));
      for (int k = 0; k < requests; k++) {
        a.record((firstHour + h) * HOUR + rnd.nextInt(60) * MIN, FEATURES, 0.0, false);
      }
    }
    return a;
  }

  @Test
  void busyAccountsFollowingTheSameDayCurve_areNotSynchronised() {
    Random rnd = new Random(7);
    AccountState a = dayCurveAccount(0, rnd, START_HOUR - 72, 72);
    AccountState b = dayCurveAccount(1, rnd, START_HOUR - 72, 72);

    assertThat(LINKER.correlation(a, b, START_HOUR)).isLessThan(0.5);
  }
}
