/**
 * Enforcement policy: pure functions from an account's verdict and risk to a {@link
 * io.distillguard.core.policy.Decision} (allow, throttle or block, with the reason and a retry hint).
 * Detectors only score; this package decides what to do about a score, and the gateway applies it.
 * Nothing here keeps state or reads a clock, so the same inputs always give the same decision.
 */
package io.distillguard.core.policy;
