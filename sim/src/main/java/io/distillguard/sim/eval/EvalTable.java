package io.distillguard.sim.eval;

import java.util.Locale;

/** Renders an {@link EvalResult} as plain-text tables for people. */
public final class EvalTable {

  private EvalTable() {}

  public static String render(EvalResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "accounts %d (attack %d, benign %d); labelled but inactive %d; missing from report %d; unlabelled in report %d%n",
        r.accounts(), r.attackAccounts(), r.benignAccounts(), r.inactiveLabelled(), r.missingFromReport(), r.unlabelledInReport()));
    if (r.eventsRead() != null) {
      sb.append(String.format(Locale.ROOT, "events read %d%n", r.eventsRead()));
    }
    sb.append(String.format(Locale.ROOT, "%nACCOUNTS            precision  recall     F1    FPR    tp    fp    fn      tn%n"));
    for (EvalResult.Confusion c : new EvalResult.Confusion[] {r.atDistillation(), r.atSuspicious()}) {
      sb.append(String.format(Locale.ROOT, "at %-15s %9.3f %7.3f %6.3f %6.4f %5d %5d %5d %7d%n",
          c.threshold().equals("suspicious") ? "suspicious+" : c.threshold(),
          c.precision(), c.recall(), c.f1(), c.fpr(), c.tp(), c.fp(), c.fn(), c.tn()));
    }
    sb.append(String.format(Locale.ROOT, "ROC-AUC over risk   %.4f%n", r.rocAuc()));
    sb.append(String.format(Locale.ROOT, "%nPERSONA                 label   accounts  flagged  by_link  link_only  susp+  rate    tokens_served  before_flag  median_ttf%n"));
    for (EvalResult.PersonaRow p : r.personas()) {
      sb.append(String.format(Locale.ROOT, "%-23s %-7s %8d %8d %8s %10d %6d %6.3f %s %s %s%n",
          p.persona(), p.label(), p.accounts(), p.flagged(),
          p.firstFlaggedByLink() == null ? "-" : p.firstFlaggedByLink().toString(), p.flaggedViaLink(),
          p.suspiciousOrFlagged(), p.flaggedShare(),
          pad(p.tokensServed(), 14), pad(p.tokensBeforeFlag(), 12), duration(p.medianSecondsToFlag(), 11)));
    }
    sb.append("(rate = false-positive rate for benign personas, recall for attack personas; by_link = flagged\n"
        + " accounts whose first flag came from their campaign before their own risk reached the threshold;\n"
        + " link_only = flagged accounts whose own risk at the end, without what their campaign added, is\n"
        + " still below the distillation threshold)\n");
    if (!r.campaigns().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nCAMPAIGN   persona          accts flagged best_reported  cover purity found  time_to_flag tokens_before_flag%n"));
      for (EvalResult.CampaignRow c : r.campaigns()) {
        sb.append(String.format(Locale.ROOT, "%-10s %-16s %5d %7.3f %-14s %5.2f %6.2f %-5s %s %s%n",
            trim(c.campaign(), 10), trim(c.persona(), 16), c.accounts(), c.flaggedShare(),
            c.bestReported() == null ? "-" : trim(c.bestReported(), 14), c.coverage(), c.purity(),
            c.found() ? "yes" : "no", duration(c.secondsToFlag(), 13), pad(c.tokensBeforeFlag(), 18)));
      }
      sb.append(String.format(Locale.ROOT, "campaigns found %d of %d (found = one reported campaign holds >= 50%% of it at >= 50%% purity)%n",
          r.campaignsFound(), r.campaigns().size()));
    }
    sb.append(String.format(Locale.ROOT, "benign accounts in reported campaigns %d%n", r.benignInCampaigns()));
    sb.append(String.format(Locale.ROOT,
        "benign accounts flagged at some point %d (%d of them no longer at distillation at the end)%n",
        r.benignEverFlagged(), r.benignFlaggedThenCleared()));
    return sb.toString();
  }

  private static String pad(Long v, int w) {
    return String.format(Locale.ROOT, "%" + w + "s", v == null ? "-" : Long.toString(v));
  }

  private static String trim(String s, int w) {
    return s.length() <= w ? s : s.substring(0, w - 1) + "~";
  }

  static String duration(Double secs, int w) {
    String s;
    if (secs == null) {
      s = "-";
    } else if (secs < 120) {
      s = String.format(Locale.ROOT, "%.0fs", secs);
    } else if (secs < 7200) {
      s = String.format(Locale.ROOT, "%.1fmin", secs / 60);
    } else {
      s = String.format(Locale.ROOT, "%.1fh", secs / 3600);
    }
    return String.format(Locale.ROOT, "%" + w + "s", s);
  }
}
