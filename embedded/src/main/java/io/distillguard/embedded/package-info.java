/**
 * The embedded single-JVM runtime: {@link io.distillguard.embedded.TrafficReader} streams plain or
 * gzip traffic logs through the parser, {@link io.distillguard.embedded.Analyzer} drives them in
 * event-time order (deduplicated, reordered) through the detection engine, with {@link
 * io.distillguard.embedded.ParallelFeed} parsing and extracting features on worker threads ahead of
 * the single, ordered engine thread, and builds the {@code distillguard.report/v1} document, which
 * {@link io.distillguard.embedded.ReportJson} writes as JSON and {@link
 * io.distillguard.embedded.HtmlReport} as one self-contained, escaped HTML page.
 */
package io.distillguard.embedded;
