package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseRelayTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Feeds {@code stream} cut at {@code cuts} and returns what the client would get. */
  static String relay(SseRelay r, String stream, List<Integer> cuts) {
    byte[] b = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<Integer> points = new ArrayList<>();
    for (int c : cuts) {
      points.add(Math.floorMod(c, b.length + 1));
    }
    points.add(b.length);
    points.sort(Integer::compare);
    Buffer out = Buffer.buffer();
    int prev = 0;
    for (int p : points) {
      if (p > prev) {
        out.appendBuffer(r.onChunk(Buffer.buffer(java.util.Arrays.copyOfRange(b, prev, p))));
        prev = p;
      }
    }
    out.appendBuffer(r.finish());
    return out.toString();
  }

  @Test
  void openAiStream_anyChunking_withoutHiding_passesBytesAndFindsUsage() {
    String stream = String.join("", TestUpstream.openAiChunks(true));
    qt().forAll(lists().of(integers().between(0, 5000)).ofSizeBetween(0, 40))
        .checkAssert(
            cuts -> {
              SseRelay r = new SseRelay(false, JSON);
              assertThat(relay(r, stream, cuts)).isEqualTo(stream);
              assertThat(r.usage().completionTokens()).isEqualTo(33);
              assertThat(r.usage().promptTokens()).isEqualTo(21);
              assertThat(r.usage().finishReason()).isEqualTo("length");
            });
  }

  @Test
  void openAiStream_anyChunking_hiding_dropsOnlyTheUsageChunk() {
    String stream = String.join("", TestUpstream.openAiChunks(true));
    String expected = String.join("", TestUpstream.openAiChunks(false));
    qt().forAll(lists().of(integers().between(0, 5000)).ofSizeBetween(0, 40))
        .checkAssert(
            cuts -> {
              SseRelay r = new SseRelay(true, JSON);
              assertThat(relay(r, stream, cuts)).isEqualTo(expected);
              assertThat(r.usage().completionTokens()).isEqualTo(33);
            });
  }

  @Test
  void crlfStream_anyChunking_hiding_dropsOnlyTheUsageChunk() {
    // "\r\n\r\n" split anywhere across chunks, the held-back bytes included.
    String stream = String.join("", TestUpstream.openAiChunks(true)).replace("\n", "\r\n");
    String expected = String.join("", TestUpstream.openAiChunks(false)).replace("\n", "\r\n");
    qt().forAll(lists().of(integers().between(0, 6000)).ofSizeBetween(0, 60))
        .checkAssert(
            cuts -> {
              SseRelay r = new SseRelay(true, JSON);
              assertThat(relay(r, stream, cuts)).isEqualTo(expected);
              assertThat(r.usage().completionTokens()).isEqualTo(33);
            });
  }

  @Test
  void anthropicStream_crlfSeparators_tokensFromStartAndDelta() {
    String stream = String.join("", TestUpstream.anthropicEvents()).replace("\n", "\r\n");
    SseRelay r = new SseRelay(false, JSON);
    assertThat(relay(r, stream, List.of(7, 300, 301, 555))).isEqualTo(stream);
    assertThat(r.usage().promptTokens()).isEqualTo(25);
    assertThat(r.usage().completionTokens()).isEqualTo(15);
    assertThat(r.usage().finishReason()).isEqualTo("end_turn");
  }

  @Test
  void hugeEventWithoutBoundary_givesUpScanningButPassesEverything() {
    String stream = "data: {\"x\":\"" + "a".repeat(SseRelay.MAX_EVENT_BYTES + 10) + "\"}\n\ndata: [DONE]\n\n";
    SseRelay r = new SseRelay(true, JSON);
    assertThat(relay(r, stream, List.of(100, 70_000, 2_000_000))).isEqualTo(stream);
    assertThat(r.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void garbageData_neverThrows() {
    String stream = "data: {not json usage\n\ndata: {\"usage\": 5}\n\nevent: x\n\n\n\n";
    SseRelay r = new SseRelay(true, JSON);
    assertThat(relay(r, stream, List.of(3, 9))).isEqualTo(stream);
  }
}
