package io.distillguard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.distillguard.core.detect.Verdict;
import io.distillguard.core.policy.Action;
import io.distillguard.core.policy.Policy;
import io.distillguard.core.policy.PolicyRule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the gateway is configured with. Immutable; build with {@link #builder()} or load the
 * YAML file ({@link #load(Path)}, keys as in {@code docs/gateway.md}). Errors name the setting.
 *
 * @param host listen address
 * @param port listen port (0 = any free port)
 * @param openAiUpstream base URL for {@code /v1/chat/completions}, {@code /v1/completions}, {@code
 *     /v1/responses}, or null when not proxied
 * @param anthropicUpstream base URL for {@code /v1/messages}, or null
 * @param keys API key table
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param upstreamTimeoutMs how long the upstream may take to send its response head (504 after it);
 *     the body that follows is bounded by {@code streamIdleTimeoutMs} instead
 * @param streamIdleTimeoutMs how long the upstream may send nothing once its response head has come
 *     (between chunks, not in total); after it the client connection is cut, or a 504 is sent when
 *     nothing has reached the client yet. Long: reasoning models' streams can be silent for minutes
 * @param connectTimeoutMs upstream connect timeout (502 after it)
 * @param trustedProxies peer addresses whose {@code X-Forwarded-For} is believed
 * @param unknownKeyStatus status for a missing or unknown key (401 unless configured)
 * @param failOpen when the engine fails or falls behind: true serves traffic unenforced, false
 *     answers 503
 * @param exchangeLogDir directory of the exchange log, or null for none
 * @param logMaxBytes rotate the exchange log above this size
 * @param logMaxAgeSeconds rotate the exchange log after this much event time
 * @param policy enforcement rules and global shadow mode
 * @param detectorConfig detector config JSON, or null for the built-in defaults
 * @param engineQueue exchanges buffered for the engine thread before new ones are dropped
 * @param eventLoops server instances (one per event loop)
 */
public record GatewayConfig(
    String host,
    int port,
    URI openAiUpstream,
    URI anthropicUpstream,
    KeyTable keys,
    int maxBodyBytes,
    long upstreamTimeoutMs,
    long streamIdleTimeoutMs,
    long connectTimeoutMs,
    Set<String> trustedProxies,
    int unknownKeyStatus,
    boolean failOpen,
    Path exchangeLogDir,
    long logMaxBytes,
    long logMaxAgeSeconds,
    Policy policy,
    Path detectorConfig,
    int engineQueue,
    int eventLoops) {

  public GatewayConfig {
    Objects.requireNonNull(host, "listen host");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(policy, "policy");
    trustedProxies = Set.copyOf(trustedProxies);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen: port must be 0..65535, got " + port);
    }
    if (openAiUpstream == null && anthropicUpstream == null) {
      throw new IllegalArgumentException("upstreams: set at least one of openai, anthropic");
    }
    checkUpstream("upstreams.openai", openAiUpstream);
    checkUpstream("upstreams.anthropic", anthropicUpstream);
    if (maxBodyBytes < 1024 || maxBodyBytes > MAX_SCORED_BODY_BYTES) {
      // A larger body makes an exchange line the engine's parser refuses: it would be proxied and
      // logged but never scored, so padding a request (a big image) would hide it from detection.
      throw new IllegalArgumentException("max_body_bytes must be 1 KiB.." + MAX_SCORED_BODY_BYTES
          + " (4 MiB): a larger request could not be scored");
    }
    if (upstreamTimeoutMs <= 0 || streamIdleTimeoutMs <= 0 || connectTimeoutMs <= 0) {
      throw new IllegalArgumentException(
          "upstream_timeout_ms, stream_idle_timeout_ms and connect_timeout_ms must be > 0");
    }
    if (unknownKeyStatus < 400 || unknownKeyStatus > 499) {
      throw new IllegalArgumentException("unknown_key_status must be a 4xx status");
    }
    if (logMaxBytes < 1024 || logMaxAgeSeconds < 1) {
      throw new IllegalArgumentException(
          "exchange_log: max_bytes must be >= 1024 and max_age_seconds >= 1");
    }
    if (engineQueue < 16 || eventLoops < 1 || eventLoops > 64) {
      throw new IllegalArgumentException("engine_queue must be >= 16 and event_loops 1..64");
    }
  }

  /** Largest request body whose exchange line the engine can still parse and score. */
  public static final int MAX_SCORED_BODY_BYTES = 4 << 20;

  private static void checkUpstream(String name, URI u) {
    if (u != null
        && (u.getHost() == null
            || !("http".equals(u.getScheme()) || "https".equals(u.getScheme())))) {
      throw new IllegalArgumentException(name + ": need an http(s) URL with a host, got " + redacted(u));
    }
  }

  /**
   * An upstream URL as it may be shown in logs and messages: user information, query and fragment
   * are replaced by {@code ***}, since operators put credentials there ({@code https://user:secret@host},
   * {@code ?api-key=...}). Null gives "null".
   */
  public static String redacted(URI u) {
    if (u == null) {
      return "null";
    }
    if (u.getRawAuthority() == null) {
      // Opaque or host-less: nothing tells where a secret would sit, so show only the scheme.
      return (u.getScheme() == null ? "" : u.getScheme() + ":") + "***";
    }
    StringBuilder sb = new StringBuilder();
    if (u.getScheme() != null) {
      sb.append(u.getScheme()).append("://");
    }
    if (u.getRawUserInfo() != null) {
      sb.append("***@");
    }
    String host = u.getHost();
    if (host == null) {
      sb.append("***"); // an authority Java could not read as host:port, which may hold anything
    } else {
      sb.append(host);
      if (u.getPort() >= 0) {
        sb.append(':').append(u.getPort());
      }
    }
    if (u.getRawPath() != null) {
      sb.append(u.getRawPath());
    }
    if (u.getRawQuery() != null) {
      sb.append("?***");
    }
    if (u.getRawFragment() != null) {
      sb.append("#***");
    }
    return sb.toString();
  }

  private static URI upstreamUri(String name, String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      // URI's own message quotes the whole text, credentials included.
      throw new IllegalArgumentException(name + ": not a valid URL");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder rebuild() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.openAiUpstream = openAiUpstream;
    b.anthropicUpstream = anthropicUpstream;
    b.keys = keys;
    b.maxBodyBytes = maxBodyBytes;
    b.upstreamTimeoutMs = upstreamTimeoutMs;
    b.streamIdleTimeoutMs = streamIdleTimeoutMs;
    b.connectTimeoutMs = connectTimeoutMs;
    b.trustedProxies = trustedProxies;
    b.unknownKeyStatus = unknownKeyStatus;
    b.failOpen = failOpen;
    b.exchangeLogDir = exchangeLogDir;
    b.logMaxBytes = logMaxBytes;
    b.logMaxAgeSeconds = logMaxAgeSeconds;
    b.policy = policy;
    b.detectorConfig = detectorConfig;
    b.engineQueue = engineQueue;
    b.eventLoops = eventLoops;
    return b;
  }

  /** Mutable builder; every default is set here and nowhere else. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private URI openAiUpstream;
    private URI anthropicUpstream;
    private KeyTable keys = KeyTable.of(List.of());
    private int maxBodyBytes = MAX_SCORED_BODY_BYTES;
    private long upstreamTimeoutMs = 120_000;
    // nginx's proxy_read_timeout is 60 s; reasoning models can think silently for longer.
    private long streamIdleTimeoutMs = 300_000;
    private long connectTimeoutMs = 5_000;
    private Set<String> trustedProxies = Set.of();
    private int unknownKeyStatus = 401;
    private boolean failOpen = true;
    private Path exchangeLogDir;
    private long logMaxBytes = 256L << 20;
    private long logMaxAgeSeconds = 3600;
    private Policy policy = Policy.defaults();
    private Path detectorConfig;
    private int engineQueue = 65_536;
    private int eventLoops = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Builder() {}

    public Builder listen(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** Parses {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}). */
    public Builder listen(String hostPort) {
      int i = hostPort.lastIndexOf(':');
      if (i <= 0) {
        throw new IllegalArgumentException("listen: expected HOST:PORT, got " + hostPort);
      }
      String h = hostPort.substring(0, i);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      try {
        return listen(h, Integer.parseInt(hostPort.substring(i + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("listen: bad port in " + hostPort, e);
      }
    }

    public Builder openAiUpstream(URI u) {
      this.openAiUpstream = u;
      return this;
    }

    public Builder anthropicUpstream(URI u) {
      this.anthropicUpstream = u;
      return this;
    }

    /** Both API families go to the same base URL. */
    public Builder upstream(URI u) {
      return openAiUpstream(u).anthropicUpstream(u);
    }

    public Builder keys(KeyTable k) {
      this.keys = k;
      return this;
    }

    public Builder maxBodyBytes(int n) {
      this.maxBodyBytes = n;
      return this;
    }

    public Builder upstreamTimeoutMs(long ms) {
      this.upstreamTimeoutMs = ms;
      return this;
    }

    public Builder streamIdleTimeoutMs(long ms) {
      this.streamIdleTimeoutMs = ms;
      return this;
    }

    public Builder connectTimeoutMs(long ms) {
      this.connectTimeoutMs = ms;
      return this;
    }

    public Builder trustedProxies(Set<String> s) {
      this.trustedProxies = s;
      return this;
    }

    public Builder unknownKeyStatus(int s) {
      this.unknownKeyStatus = s;
      return this;
    }

    public Builder failOpen(boolean b) {
      this.failOpen = b;
      return this;
    }

    public Builder exchangeLog(Path dir, long maxBytes, long maxAgeSeconds) {
      this.exchangeLogDir = dir;
      this.logMaxBytes = maxBytes;
      this.logMaxAgeSeconds = maxAgeSeconds;
      return this;
    }

    public Builder exchangeLogDir(Path dir) {
      this.exchangeLogDir = dir;
      return this;
    }

    public Builder policy(Policy p) {
      this.policy = p;
      return this;
    }

    public Builder shadow(boolean s) {
      this.policy = policy.withShadow(s);
      return this;
    }

    public Builder detectorConfig(Path p) {
      this.detectorConfig = p;
      return this;
    }

    public Builder engineQueue(int n) {
      this.engineQueue = n;
      return this;
    }

    public Builder eventLoops(int n) {
      this.eventLoops = n;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(
          host,
          port,
          openAiUpstream,
          anthropicUpstream,
          keys,
          maxBodyBytes,
          upstreamTimeoutMs,
          streamIdleTimeoutMs,
          connectTimeoutMs,
          trustedProxies,
          unknownKeyStatus,
          failOpen,
          exchangeLogDir,
          logMaxBytes,
          logMaxAgeSeconds,
          policy,
          detectorConfig,
          engineQueue,
          eventLoops);
    }
  }

  private static final Set<String> TOP_KEYS =
      Set.of(
          "listen", "upstreams", "keys_file", "keys", "max_body_bytes", "upstream_timeout_ms",
          "stream_idle_timeout_ms", "connect_timeout_ms", "trusted_proxies", "unknown_key_status",
          "fail_open", "shadow", "exchange_log", "policy", "detector_config", "engine_queue",
          "event_loops");

  /** Loads the YAML file; relative paths in it resolve against the file's directory. */
  public static GatewayConfig load(Path yaml) throws IOException {
    try (InputStream in = Files.newInputStream(yaml)) {
      Path base = yaml.toAbsolutePath().getParent();
      return load(in, base).build();
    }
  }

  /** Reads YAML into a builder, so command-line flags can still override it. */
  public static Builder load(InputStream yaml, Path base) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    Builder b = builder();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return b;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("config: top level must be a mapping");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP_KEYS.contains(k)) {
        throw new IllegalArgumentException("config: unknown setting '" + k + "'");
      }
    }
    if (root.has("listen")) {
      b.listen(text(root, "listen"));
    }
    JsonNode up = root.path("upstreams");
    if (up.has("openai")) {
      b.openAiUpstream(upstreamUri("upstreams.openai", text(up, "openai")));
    }
    if (up.has("anthropic")) {
      b.anthropicUpstream(upstreamUri("upstreams.anthropic", text(up, "anthropic")));
    }
    List<String[]> keyRows = new ArrayList<>();
    if (root.has("keys_file")) {
      KeyTable file = KeyTable.load(base.resolve(text(root, "keys_file")));
      b.keys(file);
    }
    for (JsonNode k : root.path("keys")) {
      keyRows.add(
          new String[] {
            text(k, "key"), text(k, "account_id"), k.hasNonNull("org_id") ? text(k, "org_id") : null
          });
    }
    if (!keyRows.isEmpty()) {
      if (root.has("keys_file")) {
        throw new IllegalArgumentException("config: set keys_file or keys, not both");
      }
      b.keys(KeyTable.of(keyRows));
    }
    if (root.has("max_body_bytes")) {
      b.maxBodyBytes(root.get("max_body_bytes").asInt());
    }
    if (root.has("upstream_timeout_ms")) {
      b.upstreamTimeoutMs(root.get("upstream_timeout_ms").asLong());
    }
    if (root.has("stream_idle_timeout_ms")) {
      b.streamIdleTimeoutMs(root.get("stream_idle_timeout_ms").asLong());
    }
    if (root.has("connect_timeout_ms")) {
      b.connectTimeoutMs(root.get("connect_timeout_ms").asLong());
    }
    if (root.has("trusted_proxies")) {
      List<String> t = new ArrayList<>();
      root.get("trusted_proxies").forEach(n -> t.add(n.asText()));
      b.trustedProxies(Set.copyOf(t));
    }
    if (root.has("unknown_key_status")) {
      b.unknownKeyStatus(root.get("unknown_key_status").asInt());
    }
    if (root.has("fail_open")) {
      b.failOpen(root.get("fail_open").asBoolean());
    }
    JsonNode log = root.path("exchange_log");
    if (log.isObject()) {
      b.exchangeLog(
          base.resolve(text(log, "dir")),
          log.path("max_bytes").asLong(256L << 20),
          log.path("max_age_seconds").asLong(3600));
    }
    if (root.has("policy")) {
      b.policy(policy(root.get("policy")));
    }
    if (root.has("shadow")) {
      b.shadow(root.get("shadow").asBoolean());
    }
    if (root.has("detector_config")) {
      b.detectorConfig(base.resolve(text(root, "detector_config")));
    }
    if (root.has("engine_queue")) {
      b.engineQueue(root.get("engine_queue").asInt());
    }
    if (root.has("event_loops")) {
      b.eventLoops(root.get("event_loops").asInt());
    }
    return b;
  }

  private static Policy policy(JsonNode p) {
    List<PolicyRule> rules = new ArrayList<>();
    int i = 0;
    for (JsonNode r : p.path("rules")) {
      String where = "policy.rules[" + i++ + "]";
      try {
        rules.add(
            new PolicyRule(
                r.path("name").asText(where),
                Verdict.fromJson(text(r, "verdict")),
                r.path("min_risk").asDouble(0),
                Action.fromJson(text(r, "action")),
                r.path("tokens_per_minute").asLong(0),
                r.path("retry_after_seconds").asLong(0),
                r.path("shadow").asBoolean(false)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return new Policy(rules, p.path("shadow").asBoolean(false));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalArgumentException("config: '" + field + "' must be a non-empty value");
    }
    return v.asText();
  }
}
