package io.distillguard.sim.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.ingest.ExchangeParser;
import io.distillguard.core.report.Report;
import io.distillguard.sim.Label;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Scores a detection report against labels.
 *
 * <p>Definitions (also in {@code docs/evaluation.md}): an account is <em>flagged</em> when its
 * verdict is {@code distillation}; attack is the positive class. ROC-AUC is the Mann-Whitney
 * statistic over {@code risk} (ties count one half); active labelled accounts missing from the report
 * count as risk 0, verdict benign. Only active accounts are scored: with the events file, those
 * that sent at least one exchange; without it, those in the report. A true campaign (a non-null campaign label) is <em>found</em>
 * when one reported campaign holds at least half of its accounts (coverage >= 0.5) and at least
 * half of that reported campaign's accounts belong to it (purity >= 0.5). Its time to flag runs
 * from its first exchange to the earliest {@code first_flagged_at} of any member; tokens before
 * flag are the completion tokens served to members before that moment. Event-derived values need
 * the events file, read once as a stream.
 */
public final class Evaluator {

  private Evaluator() {}

  /** Reads a {@code distillguard.report/v1} JSON document. */
  public static Report readReport(Path file) throws IOException {
    ObjectMapper m = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = open(file)) {
      return m.readValue(in, Report.class);
    }
  }

  /** Reads a labels file (JSON Lines); blank and malformed lines are skipped. */
  public static List<Label> readLabels(Path file) throws IOException {
    return readLabelFile(file).labels();
  }

  /**
   * A labels file as read: the labels, and the lines skipped as malformed (not JSON, no {@code
   * account_id}, a {@code label} other than {@code attack} or {@code benign}).
   *
   * @param labels the labels, in file order
   * @param malformed lines skipped
   * @param firstMalformedLine 1-based number of the first skipped line, 0 when none
   */
  public record LabelFile(List<Label> labels, long malformed, long firstMalformedLine) {
    public LabelFile {
      labels = List.copyOf(labels);
    }
  }

  static final int MAX_LABEL_CHARS = 64 << 10;

  /** Reads a labels file, counting the lines it skips so a caller can say so. */
  public static LabelFile readLabelFile(Path file) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<Label> out = new ArrayList<>();
    long malformed = 0;
    long first = 0;
    long lineNo = 0;
    try (Reader in = new InputStreamReader(open(file), StandardCharsets.UTF_8)) {
      // a label line is an id, a label, a campaign and a persona: far below this
      BoundedLines r = new BoundedLines(in, MAX_LABEL_CHARS);
      String line;
      while ((line = r.next()) != null) {
        lineNo = r.lineNumber();
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = m.readTree(line);
          JsonNode id = n.path("account_id");
          if (!id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("no account_id");
          }
          String camp = n.hasNonNull("campaign") ? n.get("campaign").asText() : null;
          out.add(new Label(id.asText(), n.path("label").asText(), camp, n.path("persona").asText("unknown")));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
          malformed++;
          if (first == 0) {
            first = lineNo;
          }
        }
      }
      if (r.tooLong() > 0) {
        malformed += r.tooLong();
        first = first == 0 ? r.firstTooLong() : Math.min(first, r.firstTooLong());
      }
    }
    return new LabelFile(out, malformed, first);
  }

  /** Evaluates; {@code events} may be null (then time-to-flag and tokens are null). */
  public static EvalResult evaluate(Report report, List<Label> labels, Path events) throws IOException {
    return evaluate(report, labels, events, DetectorConfig.defaults().distillationThreshold());
  }

  /**
   * As {@link #evaluate(Report, List, Path)}, with the account distillation threshold the report
   * was made with, for the "flagged through linkage" count (the report does not record it).
   */
  public static EvalResult evaluate(Report report, List<Label> labels, Path events, double distillationThreshold)
      throws IOException {
    Map<String, Report.AccountEntry> byId = new HashMap<>();
    for (Report.AccountEntry a : report.accounts()) {
      byId.put(a.accountId(), a);
    }
    Map<String, Label> labelled = new HashMap<>();
    for (Label l : labels) {
      labelled.put(l.accountId(), l);
    }
    // flag moments: per account, and per true campaign the earliest of its members
    Map<String, Long> campaignFlag = new HashMap<>();
    for (Label l : labels) {
      if (l.campaign() != null && l.attack()) {
        campaignFlag.merge(l.campaign(), flagMillis(byId.get(l.accountId())), Math::min);
      }
    }
    Map<String, Acc> accs = new HashMap<>();
    for (Label l : labels) {
      Acc a = new Acc();
      a.ownFlag = flagMillis(byId.get(l.accountId()));
      a.campaignFlag = l.campaign() == null ? Long.MAX_VALUE : campaignFlag.getOrDefault(l.campaign(), Long.MAX_VALUE);
      accs.put(l.accountId(), a);
    }
    Long eventsRead = events == null ? null : scan(events, accs);
    boolean ev = events != null;

    // only accounts that were active are scored: with events, those that sent an exchange;
    // without, those in the report. A labelled account that never sent anything is not a miss.
    List<Label> active = new ArrayList<>();
    for (Label l : labels) {
      if (ev ? accs.get(l.accountId()).first != Long.MAX_VALUE : byId.containsKey(l.accountId())) {
        active.add(l);
      }
    }
    int inactive = labels.size() - active.size();
    labels = active;
    int missing = 0;
    // A benign account flagged during the stream and cleared by its end is still a customer who was
    // throttled or blocked for a while; the end-of-stream confusion cannot see it.
    int everFlagged = 0;
    int clearedByEnd = 0;
    int[] dist = new int[4];
    int[] susp = new int[4];
    int pos = 0;
    int neg = 0;
    double[] posRisk = new double[labels.size()];
    double[] negRisk = new double[labels.size()];
    for (Label l : labels) {
      Report.AccountEntry e = byId.get(l.accountId());
      if (e == null) {
        missing++;
      }
      String v = e == null ? "benign" : e.verdict();
      boolean flagged = "distillation".equals(v);
      boolean watched = flagged || "suspicious".equals(v);
      double risk = e == null ? 0 : e.risk();
      if (!l.attack() && flagMillis(e) != Long.MAX_VALUE) {
        everFlagged++;
        clearedByEnd += flagged ? 0 : 1;
      }
      count(dist, l.attack(), flagged);
      count(susp, l.attack(), watched);
      if (l.attack()) {
        posRisk[pos++] = risk;
      } else {
        negRisk[neg++] = risk;
      }
    }
    int unlabelled = 0;
    for (Report.AccountEntry a : report.accounts()) {
      if (!labelled.containsKey(a.accountId())) {
        unlabelled++;
      }
    }
    double auc = auc(Arrays.copyOf(posRisk, pos), Arrays.copyOf(negRisk, neg));
    Map<String, List<Label>> campaigns = new TreeMap<>();
    for (Label l : labels) {
      if (l.campaign() != null && l.attack()) {
        campaigns.computeIfAbsent(l.campaign(), k -> new ArrayList<>()).add(l);
      }
    }

    // per persona
    Map<String, List<Label>> personas = new TreeMap<>();
    for (Label l : labels) {
      personas.computeIfAbsent((l.attack() ? "1" : "0") + l.persona(), k -> new ArrayList<>()).add(l);
    }
    List<EvalResult.PersonaRow> rows = new ArrayList<>();
    for (List<Label> ls : personas.values()) {
      int flagged = 0;
      int firstByLink = 0;
      boolean attributed = false;
      int viaLink = 0;
      int watched = 0;
      long served = 0;
      long before = 0;
      List<Long> ttf = new ArrayList<>();
      for (Label l : ls) {
        Report.AccountEntry e = byId.get(l.accountId());
        String v = e == null ? "benign" : e.verdict();
        if ("distillation".equals(v)) {
          flagged++;
          if (e.firstFlaggedBy() != null) {
            attributed = true;
            if (Report.AccountEntry.BY_CAMPAIGN.equals(e.firstFlaggedBy())) {
              firstByLink++;
            }
          }
          if (ownRisk(e) < distillationThreshold) {
            viaLink++;
          }
        }
        if ("distillation".equals(v) || "suspicious".equals(v)) {
          watched++;
        }
        Acc a = accs.get(l.accountId());
        served += a.tokens;
        before += a.tokensBeforeOwn;
        if (ev && a.ownFlag != Long.MAX_VALUE && a.first != Long.MAX_VALUE) {
          ttf.add(Math.max(0, a.ownFlag - a.first));
        }
      }
      Label l0 = ls.get(0);
      rows.add(new EvalResult.PersonaRow(l0.persona(), l0.label(), ls.size(), flagged,
          attributed || flagged == 0 ? Integer.valueOf(firstByLink) : null, viaLink, watched,
          flagged / (double) ls.size(), ev ? served : null, ev ? before : null, median(ttf)));
    }

    // per true campaign
    Map<String, Integer> reportedSize = new HashMap<>();
    Set<String> inCampaigns = new HashSet<>();
    for (Report.CampaignEntry c : report.campaigns()) {
      reportedSize.put(c.campaignId(), c.accounts().size());
      inCampaigns.addAll(c.accounts());
    }
    Map<String, Integer> reportedMembers = new HashMap<>();
    for (Report.AccountEntry a : report.accounts()) {
      if (a.campaignId() != null) {
        reportedMembers.merge(a.campaignId(), 1, Integer::sum);
        inCampaigns.add(a.accountId());
      }
    }
    int benignInCampaigns = 0;
    for (Label l : labels) {
      if (!l.attack() && inCampaigns.contains(l.accountId())) {
        benignInCampaigns++;
      }
    }
    List<EvalResult.CampaignRow> camps = new ArrayList<>();
    int found = 0;
    for (Map.Entry<String, List<Label>> c : campaigns.entrySet()) {
      List<Label> members = c.getValue();
      Map<String, Integer> overlap = new TreeMap<>();
      int flagged = 0;
      long first = Long.MAX_VALUE;
      long served = 0;
      long before = 0;
      for (Label l : members) {
        Report.AccountEntry e = byId.get(l.accountId());
        if (e != null && "distillation".equals(e.verdict())) {
          flagged++;
        }
        if (e != null && e.campaignId() != null) {
          overlap.merge(e.campaignId(), 1, Integer::sum);
        }
        Acc a = accs.get(l.accountId());
        first = Math.min(first, a.first);
        served += a.tokens;
        before += a.tokensBeforeCampaign;
      }
      String best = null;
      int bestN = 0;
      for (Map.Entry<String, Integer> o : overlap.entrySet()) {
        if (o.getValue() > bestN) {
          best = o.getKey();
          bestN = o.getValue();
        }
      }
      double coverage = bestN / (double) members.size();
      int size = best == null ? 0 : Math.max(reportedSize.getOrDefault(best, 0), reportedMembers.getOrDefault(best, 0));
      double purity = size == 0 ? 0 : bestN / (double) size;
      boolean isFound = coverage >= 0.5 && purity >= 0.5;
      if (isFound) {
        found++;
      }
      long flag = campaignFlag.getOrDefault(c.getKey(), Long.MAX_VALUE);
      Double secs = ev && flag != Long.MAX_VALUE && first != Long.MAX_VALUE ? Math.max(0, flag - first) / 1000.0 : null;
      camps.add(new EvalResult.CampaignRow(c.getKey(), members.get(0).persona(), members.size(),
          flagged / (double) members.size(), best, coverage, purity, isFound,
          ev && first != Long.MAX_VALUE ? Instant.ofEpochMilli(first).toString() : null,
          flag == Long.MAX_VALUE ? null : Instant.ofEpochMilli(flag).toString(), secs,
          ev ? served : null, ev ? before : null));
    }
    return new EvalResult(labels.size(), count(dist, true), count(dist, false), inactive, missing, unlabelled,
        confusion("distillation", dist), confusion("suspicious", susp), auc, rows, camps, found,
        benignInCampaigns, everFlagged, clearedByEnd, eventsRead);
  }

  /**
   * The account's risk without its campaign: DistillGuard gives a member the larger of its own and
   * its campaign's risk, and its {@code campaign_membership} reason's contribution is how much the
   * campaign added (both rounded to 3 decimals in the report).
   */
  static double ownRisk(Report.AccountEntry e) {
    for (Report.ReasonEntry r : e.reasons()) {
      if ("campaign_membership".equals(r.signal()) && r.contribution() != null && r.contribution() > 0) {
        return e.risk() - r.contribution();
      }
    }
    return e.risk();
  }

  /** Per-account accumulators of the event scan. */
  static final class Acc {
    long ownFlag;
    long campaignFlag;
    long first = Long.MAX_VALUE;
    long tokens;
    long tokensBeforeOwn;
    long tokensBeforeCampaign;
  }

  // tp, fp, fn, tn
  private static void count(int[] c, boolean attack, boolean flagged) {
    c[attack ? (flagged ? 0 : 2) : (flagged ? 1 : 3)]++;
  }

  private static int count(int[] c, boolean attack) {
    return attack ? c[0] + c[2] : c[1] + c[3];
  }

  private static EvalResult.Confusion confusion(String name, int[] c) {
    return new EvalResult.Confusion(name, c[0], c[1], c[2], c[3]);
  }

  /** Mann-Whitney AUC: P(risk of a random attack account > that of a random benign one), ties 1/2. */
  static double auc(double[] pos, double[] neg) {
    if (pos.length == 0 || neg.length == 0) {
      return Double.NaN;
    }
    double[] n = neg.clone();
    Arrays.sort(n);
    double sum = 0;
    for (double p : pos) {
      int lo = lowerBound(n, p);
      int hi = upperBound(n, p);
      sum += lo + 0.5 * (hi - lo);
    }
    return sum / ((double) pos.length * n.length);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] < v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private static Double median(List<Long> v) {
    if (v.isEmpty()) {
      return null;
    }
    long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
    int m = a.length / 2;
    double ms = a.length % 2 == 1 ? a[m] : (a[m - 1] + a[m]) / 2.0;
    return ms / 1000.0;
  }

  private static long flagMillis(Report.AccountEntry e) {
    if (e == null || e.firstFlaggedAt() == null) {
      return Long.MAX_VALUE;
    }
    long t = parseTime(e.firstFlaggedAt());
    return t == Long.MIN_VALUE ? Long.MAX_VALUE : t;
  }

  static long parseTime(String s) {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (RuntimeException e) {
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (RuntimeException e2) {
        return Long.MIN_VALUE;
      }
    }
  }

  /** Streams the events once; returns the number of lines read. Bad lines are skipped. */
  private static long scan(Path events, Map<String, Acc> accs) throws IOException {
    JsonFactory f = new JsonFactory();
    long lines = 0;
    try (Reader in = new InputStreamReader(open(events), StandardCharsets.UTF_8)) {
      BoundedLines r = new BoundedLines(in, ExchangeParser.MAX_LINE_BYTES);
      String line;
      while ((line = r.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        String ts = null;
        String account = null;
        long tokens = 0;
        try (JsonParser p = f.createParser(line)) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            continue;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("ts".equals(name) && t == JsonToken.VALUE_STRING) {
              ts = p.getText();
            } else if ("account_id".equals(name) && t == JsonToken.VALUE_STRING) {
              account = p.getText();
            } else if ("response".equals(name) && t == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String rn = p.currentName();
                JsonToken rt = p.nextToken();
                if ("completion_tokens".equals(rn) && rt == JsonToken.VALUE_NUMBER_INT) {
                  tokens = Math.max(0, Math.min(p.getLongValue(), 100_000_000L));
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
        } catch (IOException e) {
          continue; // malformed line: skipped, as the analyzer does
        }
        if (ts == null || account == null) {
          continue;
        }
        Acc a = accs.get(account);
        long t = parseTime(ts);
        if (a == null || t == Long.MIN_VALUE) {
          continue;
        }
        a.first = Math.min(a.first, t);
        a.tokens += tokens;
        if (t < a.ownFlag) {
          a.tokensBeforeOwn += tokens;
        }
        if (t < a.campaignFlag) {
          a.tokensBeforeCampaign += tokens;
        }
      }
    }
    return lines;
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
