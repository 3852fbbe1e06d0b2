/**
 * The traffic simulator: labelled {@code api-exchange/v1} traffic of benign and distillation
 * personas, drawn from real prompt corpora, for tests, benchmarks and evaluation.
 *
 * <p>Public API: pick a {@link io.distillguard.sim.Scenario} ({@code Scenario.named("mixed-week")},
 * optionally {@code withAccounts/withDays/withScale}), find the text with {@link
 * io.distillguard.sim.Corpus#locate} (or {@code Corpus.load(dir)}, {@code Corpus.bundled()}), and
 * call {@link io.distillguard.sim.Simulator#run(Scenario, long, Corpus, ExchangeSink)}. The {@link
 * io.distillguard.sim.ExchangeSink} first receives one {@link io.distillguard.sim.Label} per account,
 * then every exchange line in time order; {@link io.distillguard.sim.FileSink} writes them to files
 * (gzip by extension). Output is deterministic for a seed. The personas are listed in {@link
 * io.distillguard.sim.Persona} and described in {@code docs/evaluation.md}.
 */
package io.distillguard.sim;
