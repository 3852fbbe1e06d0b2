/**
 * JMH benchmarks of the per-exchange hot path, each beside a baseline: parsing ({@code
 * ParseBenchmark}, against Jackson's {@code readTree}), feature extraction ({@code
 * FeatureBenchmark}), the account-profile update ({@code ProfileBenchmark}) and the whole engine
 * ({@code EngineBenchmark}), all on simulated {@code mixed-week} traffic built from the real corpora.
 * Build and run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar -prof gc -rf json}. End-to-end numbers (parse-only versus full
 * pipeline, bytes per account) come from {@code distillguard bench}.
 */
package io.distillguard.bench;
