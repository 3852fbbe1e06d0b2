/**
 * Ingest: turns {@code api-exchange/v1} traffic-log lines into {@link
 * io.distillguard.core.ingest.Exchange} values. {@link io.distillguard.core.ingest.ExchangeParser}
 * normalises the OpenAI and Anthropic request shapes and rejects bad lines with a safe {@link
 * io.distillguard.core.ingest.MalformedLineException}; {@link
 * io.distillguard.core.ingest.Deduplicator} drops repeated deliveries in bounded memory; {@link
 * io.distillguard.core.ingest.ReorderBuffer} restores event-time order to slightly disordered
 * streams. Everything here bounds its input, because every byte of a line may be attacker-written.
 */
package io.distillguard.core.ingest;
