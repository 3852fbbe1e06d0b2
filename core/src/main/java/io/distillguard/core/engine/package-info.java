/**
 * The detection engine that every runtime drives ({@code analyze}, the gateway, a Flink operator):
 * exchanges in event-time order go through feature extraction, per-account profiles and the risk
 * scorer, and across accounts through the campaign linker; assessments with reasons and streaming
 * flag times come back. Single-threaded and clock-free by contract.
 */
package io.distillguard.core.engine;
