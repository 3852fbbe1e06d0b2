package io.distillguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.report.Report;
import io.distillguard.sim.Label;
import io.distillguard.sim.eval.EvalResult;
import io.distillguard.sim.eval.EvalTable;
import io.distillguard.sim.eval.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillguard eval}: scores a detection report against labels. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a distillguard.report/v1 against simulator labels: precision, recall, F1, ROC-AUC,",
      "per-persona rates, campaigns found, time to flag and tokens served before the flag."
    })
public final class EvalCommand implements Callable<Integer> {

  @Option(names = "--report", required = true, description = "report JSON written by analyze")
  Path report;

  @Option(names = "--labels", required = true, description = "labels JSONL written by simulate")
  Path labels;

  @Option(names = "--events", description = "the events file, for time to flag and tokens before flag")
  Path events;

  @Option(names = "--json", description = "print the result as JSON instead of tables")
  boolean json;

  @Option(names = "--config", paramLabel = "detector.json",
      description = "the detector config the report was made with (default: the shipped one), for its"
          + " distillation threshold in the link_only count")
  Path config;

  @Override
  public Integer call() throws IOException {
    Report r;
    List<Label> l;
    try {
      r = Evaluator.readReport(report);
      Evaluator.LabelFile lf = Evaluator.readLabelFile(labels);
      l = lf.labels();
      if (lf.malformed() > 0) {
        // skipped, not fatal, but never silent: every skipped label changes the scores
        System.err.printf(java.util.Locale.ROOT, "eval: warning: skipped %,d malformed line(s) in %s (first: line %d)%n",
            lf.malformed(), labels, lf.firstMalformedLine());
      }
    } catch (IOException e) {
      System.err.println("eval: cannot read input: " + e.getMessage());
      return 2;
    }
    if (l.isEmpty()) {
      System.err.println("eval: no labels in " + labels);
      return 2;
    }
    double threshold = DetectorConfig.defaults().distillationThreshold(); // the shipped config's
    if (config != null) {
      try (InputStream in = Files.newInputStream(config)) {
        threshold = DetectorConfig.load(in).distillationThreshold();
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("eval: cannot read detector config: " + e.getMessage());
        return 2;
      }
    }
    EvalResult res;
    try {
      res = Evaluator.evaluate(r, l, events, threshold);
    } catch (NoSuchFileException e) {
      System.err.println("eval: no such file: " + events);
      return 2;
    } catch (IOException e) {
      // the events are read only here: a missing, unreadable or corrupt file is an input error
      System.err.println("eval: cannot read --events " + events + ": " + e.getMessage());
      return 2;
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(res));
    } else {
      System.out.print(EvalTable.render(res));
    }
    return 0;
  }
}
