/**
 * Per-account streaming behaviour profiles: counters and DataSketches (HLL, frequent items, KLL)
 * updated with each exchange's features in bounded memory (about 2 KiB serialised at most), mergeable
 * across partitions and serialisable in a versioned binary form, so that the embedded engine, the
 * gateway and a Flink job all keep the same state. Profiles hold numbers and hashes only, never
 * attacker-supplied text.
 */
package io.distillguard.core.profile;
