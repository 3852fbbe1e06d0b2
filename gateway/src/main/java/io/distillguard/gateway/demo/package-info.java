/**
 * Demo support: a clearly labelled stand-in upstream model (canned answers, realistic token counts
 * and SSE pacing) that lets the gateway run end to end with no real LLM behind it. Never a
 * substitute for a real upstream outside demos, tests and benchmarks.
 */
package io.distillguard.gateway.demo;
