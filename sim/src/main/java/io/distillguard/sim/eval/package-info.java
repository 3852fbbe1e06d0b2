/**
 * Evaluation of detection reports against simulator labels: account-level precision, recall, F1,
 * FPR and ROC-AUC; per-persona false-positive rates and recalls; campaign-level coverage, purity,
 * time to flag and completion tokens served before the flag. Entry point {@link
 * io.distillguard.sim.eval.Evaluator#evaluate}; {@link io.distillguard.sim.eval.EvalTable} renders
 * the result for people, Jackson serialises it for machines.
 */
package io.distillguard.sim.eval;
