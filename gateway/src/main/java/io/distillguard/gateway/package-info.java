/**
 * The DistillGuard gateway: an OpenAI/Anthropic-compatible reverse proxy that identifies the account
 * behind each API key, passes requests and (streamed) responses through unchanged, writes every
 * exchange to an {@code api-exchange/v1} log, feeds the same line to the core detection engine on a
 * dedicated thread, and enforces the {@link io.distillguard.core.policy.Policy} (throttle, block, or
 * shadow) from the latest verdict per account. Entry point: {@link io.distillguard.gateway.Gateway}.
 */
package io.distillguard.gateway;
