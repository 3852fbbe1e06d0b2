package io.distillguard.gateway;

/** Errors the gateway itself answers, with their status and the type names each API uses. */
enum GatewayError {
  BAD_REQUEST(400, "invalid_request_error", "invalid_json", "invalid_request_error"),
  UNAUTHORIZED(401, "invalid_request_error", "invalid_api_key", "authentication_error"),
  BLOCKED(403, "permission_denied", "account_blocked", "permission_error"),
  NOT_FOUND(404, "invalid_request_error", "unknown_url", "not_found_error"),
  METHOD(405, "invalid_request_error", "method_not_allowed", "invalid_request_error"),
  TOO_LARGE(413, "invalid_request_error", "request_too_large", "request_too_large"),
  THROTTLED(429, "tokens", "rate_limit_exceeded", "rate_limit_error"),
  UPSTREAM_UNAVAILABLE(502, "server_error", "upstream_unavailable", "api_error"),
  ENGINE_UNAVAILABLE(503, "server_error", "detector_unavailable", "overloaded_error"),
  UPSTREAM_TIMEOUT(504, "server_error", "upstream_timeout", "api_error");

  final int status;
  final String openAiType;
  final String openAiCode;
  final String anthropicType;

  GatewayError(int status, String openAiType, String openAiCode, String anthropicType) {
    this.status = status;
    this.openAiType = openAiType;
    this.openAiCode = openAiCode;
    this.anthropicType = anthropicType;
  }

  /** The same error with a different status (the unknown-key status is configurable). */
  int status(int override) {
    return override > 0 ? override : status;
  }
}
