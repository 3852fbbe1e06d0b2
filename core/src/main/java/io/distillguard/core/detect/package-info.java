/**
 * Scoring of account profiles: the interpretable {@link io.distillguard.core.detect.Signal}s, the
 * calibrated logistic {@link io.distillguard.core.detect.RiskScorer} with evidence shrinkage, the
 * versioned {@link io.distillguard.core.detect.DetectorConfig}, and the result values ({@link
 * io.distillguard.core.detect.Assessment}, {@link io.distillguard.core.detect.Reason}, {@link
 * io.distillguard.core.detect.Verdict}) that runtimes, reports and policy read.
 */
package io.distillguard.core.detect;
