package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Benign personas must speak with real people's words: every user message of a benign account
 * contains a corpus line verbatim (frames of batch-labelling and RAG may wrap it). Attack personas
 * that use project-written frames still embed a corpus task.
 */
class ProvenanceTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int K = 24;
  /** Shorter corpus texts ("hi", "yo") only count as an exact message or an exact frame filling. */
  static final int MIN_EMBEDDED = 20;

  private final Set<String> exact = new HashSet<>();

  /** Corpus texts indexed by their first min(K, len) characters. */
  private final Map<String, List<String>> index = new HashMap<>();
  private final Set<Integer> keyLengths = new HashSet<>();

  ProvenanceTest() {
    for (String t : SimTestSupport.CORPUS.allTexts()) {
      exact.add(t);
      if (t.length() < MIN_EMBEDDED) {
        continue;
      }
      String key = t.substring(0, Math.min(K, t.length()));
      index.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
      keyLengths.add(key.length());
    }
  }

  /** The message is a corpus text, a project frame filled with one, or embeds a long one. */
  boolean fromCorpus(String msg) {
    if (exact.contains(msg)) {
      return true;
    }
    List<String> frames = new ArrayList<>(ProjectText.LABEL_FRAMES);
    frames.addAll(ProjectText.META_COERCION);
    for (String f : frames) {
      String ph = f.contains("{doc}") ? "{doc}" : "{task}";
      int at = f.indexOf(ph);
      String pre = f.substring(0, at);
      String suf = f.substring(at + ph.length());
      if (msg.length() >= pre.length() + suf.length() && msg.startsWith(pre) && msg.endsWith(suf)
          && exact.contains(msg.substring(pre.length(), msg.length() - suf.length()))) {
        return true;
      }
    }
    for (String suf : ProjectText.EVAL_SUFFIXES) {
      if (!suf.isEmpty() && msg.endsWith(suf) && exact.contains(msg.substring(0, msg.length() - suf.length()))) {
        return true;
      }
    }
    return containsCorpusText(msg);
  }

  boolean containsCorpusText(String msg) {
    for (int i = 0; i < msg.length(); i++) {
      for (int len : keyLengths) {
        if (i + len > msg.length()) {
          continue;
        }
        List<String> cands = index.get(msg.substring(i, i + len));
        if (cands != null) {
          for (String c : cands) {
            if (msg.startsWith(c, i)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  @Test
  void userMessages_everyPersona_embedCorpusText() throws Exception {
    SimTestSupport.Capture cap = SimTestSupport.run(Scenario.named("smoke"), 11);
    Map<String, Persona> persona = new HashMap<>();
    for (Label l : cap.labels) {
      persona.put(l.accountId(), Persona.fromJson(l.persona()));
    }
    int checked = 0;
    for (int i = 0; i < cap.lines.size(); i += 3) {
      JsonNode n = JSON.readTree(cap.lines.get(i));
      for (String msg : userTexts(n)) {
        assertThat(fromCorpus(msg))
            .as("%s user text is not from a corpus: %.120s", persona.get(n.path("account_id").asText()), msg)
            .isTrue();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void containsCorpusText_projectWrittenText_isRejected() {
    assertThat(fromCorpus("zzqx this sentence was written for the test and is in no corpus zzqx")).isFalse();
    assertThat(fromCorpus("Tell me which one is better, yes or no?")).isFalse();
    String real = SimTestSupport.CORPUS.pool(Corpus.Pool.OASST).get(3).prompt();
    assertThat(fromCorpus("Frame: " + real + " end")).isTrue();
    assertThat(fromCorpus(ProjectText.fill(ProjectText.LABEL_FRAMES.get(0), null, "hi"))).isTrue();
    assertThat(fromCorpus(ProjectText.fill(ProjectText.LABEL_FRAMES.get(0), null, "zzqx not a corpus line"))).isFalse();
  }

  static List<String> userTexts(JsonNode n) {
    List<String> out = new ArrayList<>();
    JsonNode r = n.path("request");
    if (r.has("prompt")) {
      out.add(r.get("prompt").asText());
    }
    if (r.path("input").isTextual()) {
      out.add(r.get("input").asText());
    }
    for (String f : new String[] {"messages", "input"}) {
      for (JsonNode m : r.path(f)) {
        if (!"user".equals(m.path("role").asText())) {
          continue;
        }
        JsonNode c = m.path("content");
        if (c.isTextual()) {
          out.add(c.asText());
        } else {
          for (JsonNode b : c) {
            if (b.has("text")) {
              out.add(b.get("text").asText());
            }
          }
        }
      }
    }
    return out;
  }
}
