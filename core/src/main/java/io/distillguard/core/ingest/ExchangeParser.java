package io.distillguard.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Parses one {@code api-exchange/v1} line (see {@code shared/spec/traffic-log.md}) into an {@link
 * Exchange}, normalising every supported request shape into a {@link Request}.
 *
 * <p><b>Threading:</b> thread-safe; one instance can serve every reader thread.
 *
 * <p><b>Failure:</b> the only exception thrown for any input is {@link MalformedLineException}.
 *
 * <p><b>How strict, and why.</b> The required envelope fields ({@code ts}, {@code request_id},
 * {@code account_id}, {@code endpoint}, {@code model}, {@code response.status}) identify and order
 * the exchange, so a wrong type there means a broken line and the line is rejected. A wrong-typed
 * or out-of-range <em>optional</em> envelope field ({@code client.asn} written as {@code "AS64500"},
 * say) is dropped and counted per field ({@link #ignoredFields()}) and the exchange is kept: the
 * spec lets a detector run with less evidence, and one log pipeline's quirk in a metadata field
 * must not make a whole week of traffic disappear from analysis. The {@code request} body is whatever the
 * client sent: a wrong type or an absurd number there is ignored parameter by parameter (treated as
 * absent, numbers clamped), never a reason to drop the line, because otherwise a client could hide
 * its own traffic from analysis by sending {@code "max_tokens": 1e999}.
 *
 * <p><b>Bounds.</b> Jackson enforces nesting depth {@value #MAX_DEPTH}, strings of at most {@value
 * #MAX_STRING_CHARS} chars and lines of at most {@value #MAX_LINE_BYTES} bytes. The string and depth
 * limits sit where no request an API accepts reaches them: a string or a number can be as long as
 * the line, and tool schemas may nest deeply. They used to be 1 MiB, 256 digits and 64 levels, so a
 * long-context prompt, {@code "temperature": 0.7000…} written with 300 digits, or a deep schema got
 * the whole exchange dropped as malformed, which let a client hide its traffic from analysis just as
 * an absurd number would have. Of what passes, each
 * message keeps its first {@value #MAX_TEXT_CHARS} chars, the conversation its last {@value
 * #MAX_MESSAGES} turns, the tool list its first {@value #MAX_TOOLS} names: features need no more,
 * and a profile must not pin megabytes per exchange. Parsing is a single streaming pass with no
 * regular expressions, so work is linear in the line length.
 */
public final class ExchangeParser {

  /**
   * The gateway's default request body limit (4 MiB) plus room for the envelope around it: the
   * gateway logs, and scores, the line it writes. At exactly 4 MiB a body the gateway accepted (a
   * large image, say) made a line just over the limit, so the exchange was dropped unseen, online
   * and offline. A gateway configured for larger bodies needs this raised with it.
   */
  public static final int MAX_LINE_BYTES = (4 << 20) + (64 << 10);
  /** A string may fill the line: the line limit already bounds memory. */
  public static final int MAX_STRING_CHARS = MAX_LINE_BYTES;
  /**
   * Jackson's own default. Deep enough for any real body; the parser's one recursion (content
   * blocks inside content) stays a few hundred kilobytes of stack at this depth.
   */
  public static final int MAX_DEPTH = 1000;
  public static final int MAX_TEXT_CHARS = 16 << 10;
  public static final int MAX_MESSAGES = 64;
  public static final int MAX_TOOLS = 64;

  static final int MAX_ID_CHARS = 512;
  static final int MAX_META_CHARS = 512;
  static final int MAX_TOOL_NAME_CHARS = 128;

  /** Optional envelope fields that are dropped, not fatal, when wrong-typed or out of range. */
  public static final List<String> OPTIONAL_FIELDS =
      List.of(
          "api_key_id", "org_id", "client", "client.ip", "client.user_agent", "client.asn",
          "account", "account.created_at", "account.payment_fingerprint", "account.email_domain",
          "account.verified", "account.tier", "response.prompt_tokens",
          "response.completion_tokens", "response.reasoning_tokens", "response.latency_ms",
          "response.finish_reason");

  private final JsonFactory factory;
  /** Per {@link #OPTIONAL_FIELDS} index: values dropped; rare, so contention does not matter. */
  private final AtomicLongArray ignored = new AtomicLongArray(OPTIONAL_FIELDS.size());

  public ExchangeParser() {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    // like strings, a number may fill the line: it is only ever read as a
                    // double (linear in its length), never as a BigInteger or BigDecimal
                    .maxNumberLength(MAX_LINE_BYTES)
                    .maxNameLength(4096)
                    .maxDocumentLength(MAX_LINE_BYTES)
                    .build())
            // names stay canonicalised (deduplicated) but are not String.intern()ed: request bodies
            // carry arbitrary client-chosen keys, and interning them buys nothing
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
  }

  /** Parses a line given as text. */
  public Exchange parse(String line) {
    if (line == null) {
      throw new MalformedLineException("null line");
    }
    if (line.length() > MAX_LINE_BYTES) {
      throw new MalformedLineException("line longer than " + MAX_LINE_BYTES + " bytes");
    }
    try (JsonParser p = factory.createParser(line)) {
      return parseTop(p);
    } catch (MalformedLineException e) {
      throw e;
    } catch (Exception e) {
      throw translate(e);
    }
  }

  /** Parses a line given as UTF-8 bytes (no trailing newline needed). */
  public Exchange parse(byte[] utf8, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, utf8.length);
    if (length > MAX_LINE_BYTES) {
      throw new MalformedLineException("line longer than " + MAX_LINE_BYTES + " bytes");
    }
    try (JsonParser p = factory.createParser(utf8, offset, length)) {
      return parseTop(p);
    } catch (MalformedLineException e) {
      throw e;
    } catch (Exception e) {
      throw translate(e);
    }
  }

  /**
   * Optional envelope values dropped so far because of a wrong type or an out-of-range value, by
   * field name, in {@link #OPTIONAL_FIELDS} order; fields never dropped are absent.
   */
  public Map<String, Long> ignoredFields() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < OPTIONAL_FIELDS.size(); i++) {
      long n = ignored.get(i);
      if (n > 0) {
        out.put(OPTIONAL_FIELDS.get(i), n);
      }
    }
    return out;
  }

  /** Counts a dropped optional value and moves past it (its children too, if it is a container). */
  private void ignore(JsonParser p, String field) throws IOException {
    ignored.incrementAndGet(OPTIONAL_FIELDS.indexOf(field));
    p.skipChildren();
  }

  private static MalformedLineException translate(Exception e) {
    // Jackson's messages quote the offending input; ours name only the kind of problem and where.
    if (e instanceof StreamConstraintsException) {
      return new MalformedLineException("size or depth limit exceeded");
    }
    if (e instanceof JsonEOFException) {
      return new MalformedLineException("truncated JSON");
    }
    if (e instanceof CharConversionException
        || (e.getMessage() != null && e.getMessage().contains("UTF-8"))) {
      return new MalformedLineException("invalid UTF-8");
    }
    if (e instanceof JsonProcessingException) {
      JsonProcessingException j = (JsonProcessingException) e;
      long col = j.getLocation() == null ? -1 : j.getLocation().getColumnNr();
      return new MalformedLineException("invalid JSON near column " + col);
    }
    return new MalformedLineException("unreadable line (" + e.getClass().getSimpleName() + ")");
  }

  // ---------------------------------------------------------------- envelope

  private Exchange parseTop(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedLineException("line is not a JSON object");
    }
    long ts = Rfc3339.INVALID;
    boolean sawTs = false;
    String requestId = null;
    String accountId = null;
    String apiKeyId = null;
    String orgId = null;
    String endpoint = null;
    String model = null;
    Exchange.ClientInfo client = Exchange.ClientInfo.NONE;
    Exchange.AccountInfo account = Exchange.AccountInfo.NONE;
    Body body = null;
    Exchange.ResponseInfo response = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "ts":
          ts = time(p, "ts");
          sawTs = true;
          break;
        case "request_id":
          requestId = idString(p, "request_id");
          break;
        case "account_id":
          accountId = idString(p, "account_id");
          break;
        case "api_key_id":
          apiKeyId = optString(p, "api_key_id", MAX_ID_CHARS);
          break;
        case "org_id":
          orgId = optString(p, "org_id", MAX_ID_CHARS);
          break;
        case "endpoint":
          endpoint = reqString(p, "endpoint", MAX_META_CHARS);
          break;
        case "model":
          model = reqString(p, "model", MAX_META_CHARS);
          break;
        case "client":
          client = client(p);
          break;
        case "account":
          account = account(p);
          break;
        case "request":
          if (t != JsonToken.START_OBJECT) {
            throw new MalformedLineException("request: expected object");
          }
          body = new Body();
          body.read(p);
          break;
        case "response":
          response = response(p);
          break;
        default:
          p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedLineException("invalid JSON object");
    }
    if (p.nextToken() != null) {
      throw new MalformedLineException("trailing content after the JSON object");
    }
    if (!sawTs) {
      throw missing("ts");
    }
    if (requestId == null) {
      throw missing("request_id");
    }
    if (accountId == null) {
      throw missing("account_id");
    }
    if (endpoint == null) {
      throw missing("endpoint");
    }
    if (body == null) {
      throw missing("request");
    }
    if (model == null) {
      model = body.model;
      if (model == null) {
        throw missing("model");
      }
    }
    if (response == null) {
      throw missing("response");
    }
    return new Exchange(
        ts, requestId, accountId, apiKeyId, orgId, client, account, endpoint, model,
        body.toRequest(endpoint), response);
  }

  private static MalformedLineException missing(String field) {
    return new MalformedLineException("missing required field " + field);
  }

  private static MalformedLineException wrongType(String field, String expected) {
    return new MalformedLineException(field + ": expected " + expected);
  }

  private static long time(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw wrongType(field, "RFC 3339 string");
    }
    long v =
        Rfc3339.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    if (v == Rfc3339.INVALID) {
      throw new MalformedLineException(field + ": not an RFC 3339 date-time");
    }
    return v;
  }

  /** Optional RFC 3339 time: {@link Exchange#ABSENT} when null or unreadable (dropped, counted). */
  private long optTime(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Exchange.ABSENT;
    }
    long v =
        t == JsonToken.VALUE_STRING
            ? Rfc3339.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())
            : Rfc3339.INVALID;
    if (v == Rfc3339.INVALID) {
      ignore(p, field);
      return Exchange.ABSENT;
    }
    return v;
  }

  private static String idString(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw wrongType(field, "string");
    }
    int len = p.getTextLength();
    if (len == 0 || len > MAX_ID_CHARS) {
      throw new MalformedLineException(field + ": empty or longer than " + MAX_ID_CHARS);
    }
    return p.getText();
  }

  /** Required envelope string: wrong type rejected (null counts as missing), long values cut. */
  private static String reqString(JsonParser p, String field, int max) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw wrongType(field, "string");
    }
    return bounded(p, max);
  }

  /** Optional envelope string: null allowed, wrong type dropped and counted, long values cut. */
  private String optString(JsonParser p, String field, int max) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      ignore(p, field);
      return null;
    }
    return bounded(p, max);
  }

  /** The current string token, cut to {@code max} chars without materialising the rest. */
  static String bounded(JsonParser p, int max) throws IOException {
    int len = p.getTextLength();
    if (len <= max) {
      return p.getText();
    }
    int n = max;
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    if (Character.isHighSurrogate(buf[off + n - 1])) {
      n--; // never split a surrogate pair
    }
    return new String(buf, off, n);
  }

  /** Optional envelope integer in [0, max]: -1 when null, or when wrong-typed (dropped, counted). */
  private long optNonNegativeLong(JsonParser p, String field, long max) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return -1;
    }
    long v = nonNegativeLong(p, max);
    if (v < 0) {
      ignore(p, field);
    }
    return v;
  }

  /** The current token as an integer in [0, max], or -1 if it is anything else. */
  private static long nonNegativeLong(JsonParser p, long max) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return -1;
    }
    long v = p.getLongValue();
    return v < 0 || v > max ? -1 : v;
  }

  private Exchange.ClientInfo client(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Exchange.ClientInfo.NONE;
    }
    if (t != JsonToken.START_OBJECT) {
      ignore(p, "client");
      return Exchange.ClientInfo.NONE;
    }
    String ip = null;
    String ua = null;
    long asn = -1;
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "ip":
          ip = optString(p, "client.ip", 64);
          break;
        case "user_agent":
          ua = optString(p, "client.user_agent", MAX_META_CHARS);
          break;
        case "asn":
          asn = optNonNegativeLong(p, "client.asn", 0xFFFF_FFFFL);
          break;
        default:
          p.skipChildren();
      }
    }
    return new Exchange.ClientInfo(ip, ua, asn);
  }

  private Exchange.AccountInfo account(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Exchange.AccountInfo.NONE;
    }
    if (t != JsonToken.START_OBJECT) {
      ignore(p, "account");
      return Exchange.AccountInfo.NONE;
    }
    long created = Exchange.ABSENT;
    String payment = null;
    String domain = null;
    int verified = -1;
    String tier = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "created_at":
          created = optTime(p, "account.created_at");
          break;
        case "payment_fingerprint":
          payment = optString(p, "account.payment_fingerprint", MAX_ID_CHARS);
          break;
        case "email_domain":
          domain = optString(p, "account.email_domain", 256);
          break;
        case "verified":
          if (v == JsonToken.VALUE_TRUE) {
            verified = 1;
          } else if (v == JsonToken.VALUE_FALSE) {
            verified = 0;
          } else if (v != JsonToken.VALUE_NULL) {
            ignore(p, "account.verified");
          }
          break;
        case "tier":
          tier = optString(p, "account.tier", 128);
          break;
        default:
          p.skipChildren();
      }
    }
    return new Exchange.AccountInfo(created, payment, domain, verified, tier);
  }

  private Exchange.ResponseInfo response(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType("response", "object");
    }
    int status = -1;
    int prompt = -1;
    int completion = -1;
    int reasoning = -1;
    int latency = -1;
    String finish = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "status":
          if (p.currentToken() != JsonToken.VALUE_NULL) {
            status = (int) nonNegativeLong(p, 999);
            if (status < 0) {
              throw new MalformedLineException("response.status: expected an integer 0..999");
            }
          }
          break;
        case "prompt_tokens":
          prompt = (int) optNonNegativeLong(p, "response.prompt_tokens", Integer.MAX_VALUE);
          break;
        case "completion_tokens":
          completion = (int) optNonNegativeLong(p, "response.completion_tokens", Integer.MAX_VALUE);
          break;
        case "reasoning_tokens":
          reasoning = (int) optNonNegativeLong(p, "response.reasoning_tokens", Integer.MAX_VALUE);
          break;
        case "latency_ms":
          latency = (int) optNonNegativeLong(p, "response.latency_ms", Integer.MAX_VALUE);
          break;
        case "finish_reason":
          finish = optString(p, "response.finish_reason", 64);
          break;
        default:
          p.skipChildren();
      }
    }
    if (status < 0) {
      throw missing("response.status");
    }
    return new Exchange.ResponseInfo(status, prompt, completion, reasoning, latency, finish);
  }

  // ---------------------------------------------------------------- request body (lenient)

  /** Accumulates a request body of any shape; wrong-typed parameters are skipped. */
  private static final class Body {
    String model;
    final TextAcc system = new TextAcc();
    final ArrayDeque<Request.Message> messages = new ArrayDeque<>();
    boolean hasMessages;
    boolean hasPrompt;
    boolean hasInput;
    boolean anthropicHints;
    double temperature = Double.NaN;
    double topP = Double.NaN;
    int n = -1;
    int maxTokens = -1;
    boolean logprobs;
    int topLogprobs = -1;
    boolean stream;
    final List<String> tools = new ArrayList<>();
    String reasoningEffort;
    int thinkingBudget = -1;
    int nonTextParts;
    /** The answer's schema (response_format, text.format, output_format); null until one is seen. */
    SchemaWords output;
    /** Each offered tool's parameter schema by name, for a tool_choice that forces one; lazy. */
    Map<String, SchemaWords> toolSchemas;
    String forcedTool;
    boolean forcedAny;

    void read(JsonParser p) throws IOException {
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "model":
            model = t == JsonToken.VALUE_STRING ? bounded(p, MAX_META_CHARS) : skip(p, null);
            break;
          case "messages":
            hasMessages = true;
            readMessages(p);
            break;
          case "prompt":
            hasPrompt = true;
            readPrompt(p);
            break;
          case "input":
            hasInput = true;
            readInput(p);
            break;
          case "system":
            anthropicHints = true;
            readContent(p, system, null);
            break;
          case "instructions":
            if (t == JsonToken.VALUE_STRING) {
              system.append(p);
            } else {
              p.skipChildren();
            }
            break;
          case "temperature":
            temperature = real(p);
            break;
          case "top_p":
            topP = real(p);
            break;
          case "n":
            n = count(p);
            break;
          case "max_tokens":
          case "max_completion_tokens":
          case "max_output_tokens":
          case "max_tokens_to_sample":
            maxTokens = Math.max(maxTokens, count(p));
            break;
          case "logprobs":
            if (t == JsonToken.VALUE_TRUE) {
              logprobs = true;
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
              // legacy completions: logprobs = N asks for the top N alternatives
              int k = count(p);
              if (k >= 0) {
                logprobs = true;
                topLogprobs = Math.max(topLogprobs, k);
              }
            } else {
              p.skipChildren();
            }
            break;
          case "top_logprobs":
            topLogprobs = Math.max(topLogprobs, count(p));
            break;
          case "include":
            readInclude(p);
            break;
          case "stream":
            stream = t == JsonToken.VALUE_TRUE;
            p.skipChildren();
            break;
          case "tools":
          case "functions":
            readTools(p);
            break;
          case "tool_choice":
          case "function_call":
            readToolChoice(p);
            break;
          case "response_format":
          case "output_format":
            output().read(p);
            break;
          case "text":
            // Responses API: text.format carries the answer's schema
            if (t == JsonToken.START_OBJECT) {
              output().read(p);
            } else {
              p.skipChildren();
            }
            break;
          case "reasoning_effort":
            if (t == JsonToken.VALUE_STRING) {
              reasoningEffort = bounded(p, 32);
            } else {
              p.skipChildren();
            }
            break;
          case "reasoning":
            readReasoning(p);
            break;
          case "thinking":
            anthropicHints = true;
            readThinking(p);
            break;
          default:
            p.skipChildren();
        }
      }
    }

    Request toRequest(String endpoint) {
      Request.ApiShape shape = shapeOf(endpoint);
      if (shape == Request.ApiShape.UNKNOWN) {
        if (hasInput) {
          shape = Request.ApiShape.OPENAI_RESPONSES;
        } else if (hasPrompt) {
          shape = Request.ApiShape.OPENAI_COMPLETIONS;
        } else if (hasMessages) {
          shape = anthropicHints ? Request.ApiShape.ANTHROPIC_MESSAGES : Request.ApiShape.OPENAI_CHAT;
        }
      }
      SchemaWords answer = answerSchema();
      return new Request(
          shape,
          system.toString(),
          new ArrayList<>(messages),
          temperature,
          topP,
          n,
          maxTokens,
          logprobs,
          topLogprobs,
          stream,
          tools,
          reasoningEffort,
          thinkingBudget,
          nonTextParts,
          answer == null ? List.of() : answer.fields,
          answer == null ? "" : answer.notes.toString());
    }

    private SchemaWords output() {
      if (output == null) {
        output = new SchemaWords();
      }
      return output;
    }

    /**
     * The schema the answer must follow: the response format's, plus the parameters of the tool
     * the client forces (Anthropic's way to get structured output, and OpenAI's before it).
     */
    private SchemaWords answerSchema() {
      SchemaWords forced = null;
      if (toolSchemas != null) {
        if (forcedTool != null) {
          forced = toolSchemas.get(forcedTool);
        } else if (forcedAny && toolSchemas.size() == 1 && tools.size() == 1) {
          forced = toolSchemas.values().iterator().next();
        }
      }
      if (forced == null) {
        return output;
      }
      if (output == null) {
        return forced;
      }
      output.addAll(forced);
      return output;
    }

    private static Request.ApiShape shapeOf(String endpoint) {
      if (endpoint.endsWith("/chat/completions")) {
        return Request.ApiShape.OPENAI_CHAT;
      }
      if (endpoint.endsWith("/completions")) {
        return Request.ApiShape.OPENAI_COMPLETIONS;
      }
      if (endpoint.endsWith("/responses")) {
        return Request.ApiShape.OPENAI_RESPONSES;
      }
      if (endpoint.endsWith("/messages")) {
        return Request.ApiShape.ANTHROPIC_MESSAGES;
      }
      return Request.ApiShape.UNKNOWN;
    }

    private void add(Request.Role role, TextAcc text, boolean toolCall) {
      if (messages.size() == MAX_MESSAGES) {
        messages.pollFirst(); // keep the latest turns: they carry what is being asked now
      }
      messages.addLast(new Request.Message(role, text.toString(), toolCall));
    }

    private void readMessages(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.START_OBJECT) {
          readItem(p);
        } else {
          p.skipChildren();
        }
      }
    }

    /**
     * One chat message, Anthropic message or Responses input item: {@code role} + {@code content},
     * or a typed item ({@code function_call}, {@code function_call_output}, {@code reasoning}).
     */
    private void readItem(JsonParser p) throws IOException {
      String role = null;
      String type = null;
      TextAcc text = new TextAcc();
      boolean toolCall = false;
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "role":
            role = t == JsonToken.VALUE_STRING ? bounded(p, 32) : skip(p, null);
            break;
          case "type":
            type = t == JsonToken.VALUE_STRING ? bounded(p, 64) : skip(p, null);
            break;
          case "content":
            if (readContent(p, text, this)) {
              toolCall = true;
            }
            break;
          case "tool_calls":
          case "function_call":
            toolCall |= t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT;
            p.skipChildren();
            break;
          case "tool_call_id":
            toolCall = true;
            p.skipChildren();
            break;
          case "output":
          case "arguments":
            if (t == JsonToken.VALUE_STRING) {
              text.append(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (role == null && type != null) {
        switch (type) {
          case "function_call":
          case "custom_tool_call":
          case "computer_call":
            add(Request.Role.ASSISTANT, text, true);
            return;
          case "function_call_output":
          case "custom_tool_call_output":
          case "computer_call_output":
            add(Request.Role.TOOL, text, true);
            return;
          case "reasoning":
            return;
          default:
            break;
        }
      }
      if (role == null) {
        role = "user"; // Responses API: an item without a role is a user message
      }
      switch (role) {
        case "system":
        case "developer":
          system.append(text);
          break;
        case "user":
          add(Request.Role.USER, text, toolCall);
          break;
        case "assistant":
        case "model":
          add(Request.Role.ASSISTANT, text, toolCall);
          break;
        case "tool":
        case "function":
        case "ipython":
          add(Request.Role.TOOL, text, true);
          break;
        default:
          add(Request.Role.OTHER, text, toolCall);
      }
    }

    /** Legacy completions: a string, an array of strings, or token ids (counted as no text). */
    private void readPrompt(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        TextAcc text = new TextAcc();
        text.append(p);
        add(Request.Role.USER, text, false);
      } else if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == JsonToken.VALUE_STRING) {
            TextAcc text = new TextAcc();
            text.append(p);
            add(Request.Role.USER, text, false);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }

    /** Responses API {@code input}: a string or a list of items. */
    private void readInput(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        TextAcc text = new TextAcc();
        text.append(p);
        add(Request.Role.USER, text, false);
      } else if (t == JsonToken.START_ARRAY) {
        readMessages(p);
      } else {
        p.skipChildren();
      }
    }

    /**
     * Content as a string or an array of parts/blocks, appended to {@code out}. Returns whether a
     * tool call or tool result block was seen.
     */
    private boolean readContent(JsonParser p, TextAcc out, Body counter) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        out.append(p);
        return false;
      }
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
        return false;
      }
      boolean tool = false;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_STRING) {
          out.append(p);
        } else if (t == JsonToken.START_OBJECT) {
          tool |= readPart(p, out, counter);
        } else {
          p.skipChildren();
        }
      }
      return tool;
    }

    private boolean readPart(JsonParser p, TextAcc out, Body counter) throws IOException {
      String type = null;
      boolean tool = false;
      TextAcc partText = new TextAcc();
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "type":
            type = t == JsonToken.VALUE_STRING ? bounded(p, 64) : skip(p, null);
            break;
          case "text":
          case "refusal":
            if (t == JsonToken.VALUE_STRING) {
              partText.append(p);
            } else {
              p.skipChildren();
            }
            break;
          case "content":
            // tool_result blocks carry their own content (string or blocks)
            tool |= readContent(p, partText, counter);
            break;
          default:
            p.skipChildren();
        }
      }
      if (type == null) {
        out.append(partText);
        return tool;
      }
      switch (type) {
        case "tool_use":
        case "server_tool_use":
        case "tool_result":
        case "function_call":
        case "function_call_output":
          out.append(partText);
          return true;
        case "thinking":
        case "redacted_thinking":
          return tool; // the model's own earlier reasoning, echoed back: not the client's ask
        case "image":
        case "image_url":
        case "input_image":
        case "input_audio":
        case "audio":
        case "file":
        case "input_file":
        case "document":
          if (counter != null) {
            counter.nonTextParts++;
          }
          return tool;
        default:
          out.append(partText);
          return tool;
      }
    }

    private void readTools(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String toolName = null;
        String type = null;
        SchemaWords schema = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
          JsonToken v = p.nextToken();
          if ("name".equals(name) && v == JsonToken.VALUE_STRING) {
            toolName = bounded(p, MAX_TOOL_NAME_CHARS);
          } else if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
            type = bounded(p, MAX_TOOL_NAME_CHARS);
          } else if (("parameters".equals(name) || "input_schema".equals(name)) && v == JsonToken.START_OBJECT) {
            schema = readToolSchema(p, schema);
          } else if ("function".equals(name) && v == JsonToken.START_OBJECT) {
            String fn;
            while ((fn = p.nextFieldName()) != null) {
              JsonToken fv = p.nextToken();
              if ("name".equals(fn) && fv == JsonToken.VALUE_STRING) {
                toolName = bounded(p, MAX_TOOL_NAME_CHARS);
              } else if ("parameters".equals(fn) && fv == JsonToken.START_OBJECT) {
                schema = readToolSchema(p, schema);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        String chosen = toolName != null ? toolName : type;
        if (chosen != null && tools.size() < MAX_TOOLS) {
          tools.add(chosen);
          if (schema != null && toolName != null) {
            if (toolSchemas == null) {
              toolSchemas = new HashMap<>();
            }
            toolSchemas.putIfAbsent(toolName, schema);
          }
        }
      }
    }

    /** A tool's parameter schema; only the first {@value #MAX_TOOLS} tools' are kept. */
    private SchemaWords readToolSchema(JsonParser p, SchemaWords schema) throws IOException {
      if (tools.size() >= MAX_TOOLS) {
        p.skipChildren();
        return schema;
      }
      SchemaWords s = schema != null ? schema : new SchemaWords();
      s.read(p);
      return s;
    }

    /**
     * OpenAI {@code "required"} or {@code {"type":"function","function":{"name":...}}} (Responses:
     * the name at the top), legacy {@code function_call: {"name":...}}, Anthropic
     * {@code {"type":"tool","name":...}} or {@code {"type":"any"}}.
     */
    private void readToolChoice(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        forcedAny |= "required".equals(p.getText()) || "any".equals(p.getText());
        return;
      }
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if ("name".equals(name) && v == JsonToken.VALUE_STRING) {
          forcedTool = bounded(p, MAX_TOOL_NAME_CHARS);
        } else if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
          forcedAny |= "any".equals(p.getText());
        } else if ("function".equals(name) && v == JsonToken.START_OBJECT) {
          String fn;
          while ((fn = p.nextFieldName()) != null) {
            JsonToken fv = p.nextToken();
            if ("name".equals(fn) && fv == JsonToken.VALUE_STRING) {
              forcedTool = bounded(p, MAX_TOOL_NAME_CHARS);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }

    private void readInclude(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_STRING && p.getText().contains("logprobs")) {
          logprobs = true;
        } else {
          p.skipChildren();
        }
      }
    }

    private void readReasoning(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if ("effort".equals(name) && t == JsonToken.VALUE_STRING) {
          reasoningEffort = bounded(p, 32);
        } else {
          p.skipChildren();
        }
      }
    }

    private void readThinking(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      String type = null;
      int budget = -1;
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if ("type".equals(name) && t == JsonToken.VALUE_STRING) {
          type = bounded(p, 32);
        } else if ("budget_tokens".equals(name)) {
          budget = count(p);
        } else {
          p.skipChildren();
        }
      }
      if (type == null || "disabled".equals(type)) {
        thinkingBudget = -1;
      } else {
        thinkingBudget = Math.max(0, budget);
      }
    }
  }

  private static String skip(JsonParser p, String value) throws IOException {
    p.skipChildren();
    return value;
  }

  /** A finite real parameter, or NaN when absent, mistyped or not finite. */
  private static double real(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      return Double.isFinite(d) ? d : Double.NaN;
    }
    p.skipChildren();
    return Double.NaN;
  }

  /** A count parameter clamped to [0, Integer.MAX_VALUE]; -1 when absent, mistyped or negative. */
  private static int count(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (!(d >= 0)) {
        return -1;
      }
      return d >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) d;
    }
    p.skipChildren();
    return -1;
  }

  /** Bounded text accumulator: keeps the first {@link #MAX_TEXT_CHARS} chars, parts joined by newlines. */
  static final class TextAcc {
    private StringBuilder sb;

    void append(JsonParser p) throws IOException {
      int len = p.getTextLength();
      if (len == 0) {
        return;
      }
      int room = room();
      if (room <= 0) {
        return;
      }
      char[] buf = p.getTextCharacters();
      int off = p.getTextOffset();
      int n = Math.min(len, room);
      if (n < len && Character.isHighSurrogate(buf[off + n - 1])) {
        n--;
      }
      builder().append(buf, off, n);
    }

    void append(TextAcc other) {
      if (other.sb == null || other.sb.length() == 0) {
        return;
      }
      int room = room();
      if (room <= 0) {
        return;
      }
      int n = Math.min(other.sb.length(), room);
      if (n < other.sb.length() && Character.isHighSurrogate(other.sb.charAt(n - 1))) {
        n--;
      }
      builder().append(other.sb, 0, n);
    }

    private int room() {
      if (sb == null) {
        return MAX_TEXT_CHARS;
      }
      // the separator takes one char of the budget
      return MAX_TEXT_CHARS - sb.length() - (sb.length() > 0 ? 1 : 0);
    }

    private StringBuilder builder() {
      if (sb == null) {
        sb = new StringBuilder(64);
      } else if (sb.length() > 0) {
        sb.append('\n');
      }
      return sb;
    }

    @Override
    public String toString() {
      return sb == null ? "" : sb.toString();
    }
  }
}
