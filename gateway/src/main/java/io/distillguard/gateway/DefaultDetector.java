package io.distillguard.gateway;

import io.distillguard.core.campaign.CampaignLinkers;
import io.distillguard.core.detect.DetectorConfig;
import io.distillguard.core.engine.DetectionEngine;
import io.distillguard.core.engine.ExchangeDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the real detection engine, the same one {@code analyze} runs. */
final class DefaultDetector {

  private DefaultDetector() {}

  /** The default engine, or one from a detector config file. */
  static ExchangeDetector create(Path detectorConfigOrNull) {
    if (detectorConfigOrNull == null) {
      return DetectionEngine.create();
    }
    try (InputStream in = Files.newInputStream(detectorConfigOrNull)) {
      DetectorConfig c = DetectorConfig.load(in);
      return DetectionEngine.create(c, CampaignLinkers.createDefault(c));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read detector config " + detectorConfigOrNull, e);
    }
  }
}
