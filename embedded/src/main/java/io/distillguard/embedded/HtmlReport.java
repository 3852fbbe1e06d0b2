package io.distillguard.embedded;

import io.distillguard.core.campaign.CampaignAssessment;
import io.distillguard.core.report.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link AnalysisResult} as one self-contained HTML page: no external scripts, styles or
 * fonts, so it can be mailed or archived and opened offline.
 *
 * <p>Sections: summary; campaigns (members, evidence, example templates, activity plot); a sortable
 * account table (risk, verdict, events, campaign, top reasons); per-account details (reasons, signal
 * bars, activity plot). Plots are inline SVG.
 *
 * <p><b>Safety:</b> every string that came from the traffic (account ids, reason details, templates,
 * malformed-line reasons) goes through {@link Html#esc}. The one script block is a fixed constant
 * that sorts table rows by their {@code data-v} attributes; no data is ever written inside it.
 * Anchors use generated ids ({@code a17}, {@code c3}), never account ids.
 */
public final class HtmlReport {

  /** Accounts listed in the table by default. */
  public static final int DEFAULT_TABLE_ROWS = 2000;
  /** Accounts given a detail section by default. */
  public static final int DEFAULT_DETAILS = 200;

  private static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1b1f24;background:#fff}"
          + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}"
          + "table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}"
          + "th{cursor:pointer;background:#f6f8fa;user-select:none}th:hover{background:#eaeef2}"
          + ".num{text-align:right;font-variant-numeric:tabular-nums}"
          + ".v-distillation{color:#fff;background:#c62828;padding:1px 6px;border-radius:3px}"
          + ".v-suspicious{color:#000;background:#ffb300;padding:1px 6px;border-radius:3px}"
          + ".v-benign{color:#fff;background:#2e7d32;padding:1px 6px;border-radius:3px}"
          + "pre{background:#f6f8fa;padding:8px;white-space:pre-wrap;word-break:break-word;max-height:160px;overflow:auto}"
          + "details{margin:6px 0;padding:6px 10px;border:1px solid #e5e5e5;border-radius:4px}"
          + "summary{cursor:pointer;font-weight:600}.mono{font-family:ui-monospace,monospace;word-break:break-all}"
          + ".kv td:first-child{color:#555}.muted{color:#666}";

  // Fixed code: sorts a table by the clicked column using each cell's data-v (numbers) or text.
  private static final String SCRIPT =
      "document.querySelectorAll('table.sortable th').forEach(function(th,col){"
          + "th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0];"
          + "var rows=Array.prototype.slice.call(b.rows);var asc=th.getAttribute('data-asc')!=='1';"
          + "t.querySelectorAll('th').forEach(function(h){h.removeAttribute('data-asc');});"
          + "if(asc)th.setAttribute('data-asc','1');"
          + "rows.sort(function(x,y){var a=x.cells[col],c=y.cells[col];"
          + "var va=a.getAttribute('data-v'),vc=c.getAttribute('data-v');"
          + "var r=(va!==null&&vc!==null)?(parseFloat(va)-parseFloat(vc)):a.textContent.localeCompare(c.textContent);"
          + "return asc?r:-r;});rows.forEach(function(r){b.appendChild(r);});});});";

  private HtmlReport() {}

  /** Writes the page with the default table and detail sizes. */
  public static void write(AnalysisResult result, Writer out) throws IOException {
    write(result, out, DEFAULT_TABLE_ROWS, DEFAULT_DETAILS);
  }

  /**
   * Writes the page.
   *
   * @param tableRows accounts listed in the sortable table (highest risk first)
   * @param details accounts given a detail section
   */
  public static void write(AnalysisResult result, Writer out, int tableRows, int details)
      throws IOException {
    Report r = result.report();
    List<Report.AccountEntry> accounts = r.accounts();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      index.put(accounts.get(i).accountId(), i);
    }
    int shownDetails = Math.min(details, accounts.size());
    StringBuilder h = new StringBuilder(64 << 10);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>DistillGuard report</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>DistillGuard report</h1>\n");
    summary(h, result);
    out.write(h.toString());
    h.setLength(0);

    h.append("<h2 id=\"campaigns\">Campaigns (").append(result.campaigns().size()).append(")</h2>\n");
    if (result.campaigns().isEmpty()) {
      h.append("<p class=\"muted\">No campaigns linked.</p>\n");
    }
    int ci = 0;
    for (CampaignAssessment c : result.campaigns()) {
      campaign(h, c, ci++, result, index, shownDetails);
      if (h.length() > (1 << 20)) {
        out.write(h.toString());
        h.setLength(0);
      }
    }

    int rows = Math.min(tableRows, accounts.size());
    h.append("<h2 id=\"accounts\">Accounts</h2>\n<p class=\"muted\">")
        .append(rows)
        .append(" of ")
        .append(accounts.size())
        .append(" accounts, highest risk first; click a column to sort.")
        .append(rows < accounts.size() ? " The JSON report lists every account." : "")
        .append("</p>\n<table class=\"sortable\"><thead><tr><th>#</th><th>account</th><th>risk</th><th>verdict</th>")
        .append("<th>events</th><th>events before flag</th><th>first flagged</th><th>campaign</th><th>top reasons</th></tr></thead><tbody>\n");
    for (int i = 0; i < rows; i++) {
      Report.AccountEntry a = accounts.get(i);
      h.append("<tr><td class=\"num\" data-v=\"").append(i + 1).append("\">").append(i + 1).append("</td><td class=\"mono\">");
      if (i < shownDetails) {
        h.append("<a href=\"#a").append(i).append("\">").append(Html.esc(a.accountId(), 200)).append("</a>");
      } else {
        h.append(Html.esc(a.accountId(), 200));
      }
      h.append("</td><td class=\"num\" data-v=\"").append(String.format(Locale.ROOT, "%.6f", a.risk())).append("\">").append(fmt(a.risk()))
          .append("</td><td>").append(verdict(a.verdict()))
          .append("</td><td class=\"num\" data-v=\"").append(a.events()).append("\">").append(a.events())
          .append("</td><td class=\"num\" data-v=\"")
          .append(a.eventsBeforeFlag() == null ? -1 : a.eventsBeforeFlag()).append("\">")
          .append(a.eventsBeforeFlag() == null ? "" : a.eventsBeforeFlag())
          .append("</td><td>").append(Html.esc(a.firstFlaggedAt()))
          .append("</td><td class=\"mono\">").append(Html.esc(a.campaignId(), 100))
          .append("</td><td>");
      int k = 0;
      for (Report.ReasonEntry re : a.reasons()) {
        if (k++ == 3) {
          break;
        }
        h.append(k > 1 ? "; " : "").append(Html.esc(re.signal(), 80));
      }
      h.append("</td></tr>\n");
      if (h.length() > (1 << 20)) {
        out.write(h.toString());
        h.setLength(0);
      }
    }
    h.append("</tbody></table>\n");

    h.append("<h2 id=\"details\">Account details (top ").append(shownDetails).append(")</h2>\n");
    for (int i = 0; i < shownDetails; i++) {
      account(h, accounts.get(i), i, result);
      if (h.length() > (1 << 20)) {
        out.write(h.toString());
        h.setLength(0);
      }
    }
    h.append("<p class=\"muted\">Generated by DistillGuard at ").append(Html.esc(r.generatedAt()))
        .append(". Schema ").append(Html.esc(r.schema())).append(".</p>\n");
    h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    out.write(h.toString());
    out.flush();
  }

  private static void summary(StringBuilder h, AnalysisResult result) {
    Report.Input in = result.report().input();
    long distill = 0;
    long suspicious = 0;
    for (Report.AccountEntry a : result.report().accounts()) {
      if ("distillation".equals(a.verdict())) {
        distill++;
      } else if ("suspicious".equals(a.verdict())) {
        suspicious++;
      }
    }
    h.append("<h2>Summary</h2>\n<table class=\"kv\">");
    kv(h, "events analysed", Long.toString(in.events()));
    kv(h, "accounts", Long.toString(in.accounts()));
    kv(h, "flagged distillation", Long.toString(distill));
    kv(h, "suspicious", Long.toString(suspicious));
    kv(h, "campaigns", Integer.toString(result.campaigns().size()));
    kv(h, "time range", Html.esc(in.from()) + " — " + Html.esc(in.to()));
    kv(h, "lines read", Long.toString(result.read().lines()));
    if (result.read().inputError() != null) {
      kv(h, "input broke off", Html.esc(result.read().inputError(), 100) + " at line "
          + result.read().lines() + ": nothing after it was read");
    }
    kv(h, "malformed lines", Long.toString(in.malformedLines()));
    if (!in.ignoredFields().isEmpty()) {
      StringBuilder f = new StringBuilder();
      in.ignoredFields().forEach((k, n) -> f.append(f.length() == 0 ? "" : ", ").append(Html.esc(k)).append(' ').append(n));
      kv(h, "optional fields dropped (exchanges kept)", f.toString());
    }
    kv(h, "duplicates dropped", Long.toString(in.duplicates()));
    kv(h, "late events (beyond reorder slack)", Long.toString(result.late()));
    h.append("</table>\n");
    if (!result.read().samples().isEmpty()) {
      h.append("<details><summary>First malformed lines</summary><table><tr><th>line</th><th>reason</th></tr>");
      for (TrafficReader.MalformedLine m : result.read().samples()) {
        h.append("<tr><td class=\"num\">").append(m.lineNumber()).append("</td><td>")
            .append(Html.esc(m.reason(), 200)).append("</td></tr>");
      }
      h.append("</table></details>\n");
    }
  }

  private static void kv(StringBuilder h, String k, String escapedValue) {
    h.append("<tr><td>").append(k).append("</td><td>").append(escapedValue).append("</td></tr>");
  }

  private static void campaign(
      StringBuilder h,
      CampaignAssessment c,
      int ci,
      AnalysisResult result,
      Map<String, Integer> index,
      int shownDetails) {
    h.append("<details id=\"c").append(ci).append("\"").append(ci < 5 ? " open" : "").append("><summary>")
        .append("<span class=\"mono\">").append(Html.esc(c.campaignId(), 100)).append("</span> — risk ")
        .append(fmt(c.risk())).append(' ').append(verdict(c.verdict().json())).append(" — ")
        .append(c.accounts().size()).append(" accounts</summary>\n");
    if (c.firstFlaggedAtMillis() != Long.MIN_VALUE) {
      h.append("<p>First flagged at ").append(Html.esc(Analyzer.time(c.firstFlaggedAtMillis()))).append("</p>");
    }
    h.append("<p>Activity of all members</p>");
    plot(h, result.activity().sum(c.accounts()), result.activity());
    h.append("<p>Evidence</p>");
    reasonTable(h, Analyzer.reasons(c.reasons()));
    if (!c.exampleTemplates().isEmpty()) {
      h.append("<p>Example shared prompts</p>");
      int k = 0;
      for (String t : c.exampleTemplates()) {
        if (k++ == 5) {
          break;
        }
        h.append("<pre>").append(Html.esc(t, 2000)).append("</pre>");
      }
    }
    h.append("<p>Members</p><p class=\"mono\">");
    int k = 0;
    for (String a : c.accounts()) {
      if (k++ == 500) {
        h.append(" … and ").append(c.accounts().size() - 500).append(" more");
        break;
      }
      Integer i = index.get(a);
      if (k > 1) {
        h.append(", ");
      }
      if (i != null && i < shownDetails) {
        h.append("<a href=\"#a").append(i).append("\">").append(Html.esc(a, 200)).append("</a>");
      } else {
        h.append(Html.esc(a, 200));
      }
    }
    h.append("</p></details>\n");
  }

  private static void account(StringBuilder h, Report.AccountEntry a, int i, AnalysisResult result) {
    h.append("<details id=\"a").append(i).append("\"><summary><span class=\"mono\">")
        .append(Html.esc(a.accountId(), 200)).append("</span> — risk ").append(fmt(a.risk())).append(' ')
        .append(verdict(a.verdict())).append("</summary>\n<table class=\"kv\">");
    kv(h, "events", Long.toString(a.events()));
    kv(h, "campaign", "<span class=\"mono\">" + Html.esc(a.campaignId(), 100) + "</span>");
    kv(h, "first flagged", Html.esc(a.firstFlaggedAt())
        + (a.firstFlaggedBy() == null ? "" : " (by its " + Html.esc(a.firstFlaggedBy(), 20) + ")"));
    kv(h, "events before flag", a.eventsBeforeFlag() == null ? "" : a.eventsBeforeFlag().toString());
    h.append("</table><p>Activity</p>");
    plot(h, result.activity().of(a.accountId()), result.activity());
    h.append("<p>Reasons</p>");
    reasonTable(h, a.reasons());
    bars(h, a.reasons());
    h.append("</details>\n");
  }

  private static void reasonTable(StringBuilder h, List<Report.ReasonEntry> reasons) {
    if (reasons.isEmpty()) {
      h.append("<p class=\"muted\">No reasons given.</p>");
      return;
    }
    h.append("<table><tr><th>signal</th><th>value</th><th>contribution</th><th>detail</th></tr>");
    for (Report.ReasonEntry re : reasons) {
      h.append("<tr><td class=\"mono\">").append(Html.esc(re.signal(), 100))
          .append("</td><td class=\"num\">").append(fmt(re.value()))
          .append("</td><td class=\"num\">").append(re.contribution() == null ? "" : fmt(re.contribution()))
          .append("</td><td>").append(Html.esc(re.detail(), 500)).append("</td></tr>");
    }
    h.append("</table>");
  }

  /** Horizontal bars of each signal's contribution (negative ones drawn in green). */
  private static void bars(StringBuilder h, List<Report.ReasonEntry> reasons) {
    int n = Math.min(reasons.size(), 12);
    if (n == 0) {
      return;
    }
    double max = 1e-9;
    for (int i = 0; i < n; i++) {
      Double c = reasons.get(i).contribution();
      max = Math.max(max, c == null ? 0 : Math.abs(c));
    }
    int rowH = 18;
    int w = 520;
    int labelW = 200;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"")
        .append(n * rowH + 4).append("\" role=\"img\" aria-label=\"signal contributions\">");
    for (int i = 0; i < n; i++) {
      Report.ReasonEntry re = reasons.get(i);
      double c = re.contribution() == null ? 0 : re.contribution();
      int len = (int) Math.round(Math.abs(c) / max * (w - labelW - 60));
      int y = i * rowH + 2;
      h.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"11\">")
          .append(Html.esc(re.signal(), 30)).append("</text><rect x=\"").append(labelW).append("\" y=\"")
          .append(y + 2).append("\" width=\"").append(Math.max(1, len)).append("\" height=\"")
          .append(rowH - 6).append("\" fill=\"").append(c < 0 ? "#2e7d32" : "#c62828")
          .append("\"><title>").append(Html.esc(re.signal(), 100)).append(": ").append(fmt(c))
          .append("</title></rect><text x=\"").append(labelW + len + 4).append("\" y=\"").append(y + 13)
          .append("\" font-size=\"11\">").append(fmt(c)).append("</text>");
    }
    h.append("</svg>");
  }

  /** Column chart of event counts per activity bin, with the time axis labelled at both ends. */
  private static void plot(StringBuilder h, int[] bins, Activity activity) {
    int w = 600;
    int ht = 90;
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    double bw = (double) w / bins.length;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"")
        .append(ht + 16).append("\" role=\"img\" aria-label=\"activity over time\">")
        .append("<line x1=\"0\" y1=\"").append(ht).append("\" x2=\"").append(w).append("\" y2=\"").append(ht)
        .append("\" stroke=\"#999\"/>");
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] == 0) {
        continue;
      }
      double bh = (double) bins[i] / max * (ht - 4);
      h.append("<rect x=\"").append(num(i * bw + 0.5)).append("\" y=\"").append(num(ht - bh))
          .append("\" width=\"").append(num(Math.max(1, bw - 1))).append("\" height=\"").append(num(bh))
          .append("\" fill=\"#1565c0\"><title>").append(bins[i]).append(" events</title></rect>");
    }
    if (activity.originMillis() != Long.MIN_VALUE) {
      long end = activity.originMillis() + activity.binMillis() * bins.length;
      h.append("<text x=\"0\" y=\"").append(ht + 13).append("\" font-size=\"10\">")
          .append(Analyzer.time(activity.originMillis())).append("</text><text x=\"").append(w)
          .append("\" y=\"").append(ht + 13).append("\" font-size=\"10\" text-anchor=\"end\">")
          .append(Analyzer.time(end)).append(" · peak ").append(max).append("/")
          .append(activity.binMillis() / 3_600_000L).append("h</text>");
    }
    h.append("</svg>");
  }

  private static String verdict(String v) {
    String safe = v == null ? "" : v;
    String cls =
        "distillation".equals(safe) || "suspicious".equals(safe) || "benign".equals(safe)
            ? safe
            : "benign";
    return "<span class=\"v-" + cls + "\">" + Html.esc(safe, 20) + "</span>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
