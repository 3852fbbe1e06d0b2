package io.distillguard.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * API key to account table. Raw keys live only in this map: everything downstream (logs, the
 * exchange log, metrics) sees {@link Entry#keyId()}, a SHA-256 prefix. Immutable and thread-safe.
 *
 * <p>File format: one {@code key,account_id[,org_id]} per line; blank lines and {@code #} comments
 * are skipped.
 */
public final class KeyTable {

  /** Longest key accepted from a client; longer values cannot be in the table anyway. */
  static final int MAX_KEY_LENGTH = 256;

  private final Map<String, Entry> byKey;

  /**
   * What a key maps to.
   *
   * @param accountId billing account
   * @param orgId organisation, or null
   * @param keyId {@code key_} plus the first 16 hex digits of the key's SHA-256: safe to log
   */
  public record Entry(String accountId, String orgId, String keyId) {
    public Entry {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(keyId, "keyId");
    }
  }

  private KeyTable(Map<String, Entry> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /** Builds a table from {@code {key, account_id, org_id-or-null}} triples. */
  public static KeyTable of(List<String[]> rows) {
    Map<String, Entry> m = new HashMap<>();
    int line = 0;
    for (String[] r : rows) {
      line++;
      add(m, r, "entry " + line);
    }
    return new KeyTable(m);
  }

  public static KeyTable load(Path csv) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return parse(r, csv.getFileName().toString());
    }
  }

  static KeyTable parse(Reader in, String name) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    Map<String, Entry> m = new HashMap<>();
    String s;
    int line = 0;
    while ((s = r.readLine()) != null) {
      line++;
      s = s.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      add(m, s.split(",", -1), name + ":" + line);
    }
    return new KeyTable(m);
  }

  private static void add(Map<String, Entry> m, String[] r, String where) {
    if (r.length < 2 || r.length > 3) {
      throw new IllegalArgumentException(where + ": expected key,account_id[,org_id]");
    }
    String key = r[0].strip();
    String account = r[1].strip();
    String org = r.length == 3 && r[2] != null && !r[2].isBlank() ? r[2].strip() : null;
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(where + ": key must be 1.." + MAX_KEY_LENGTH + " chars");
    }
    if (account.isEmpty() || account.length() > 128) {
      throw new IllegalArgumentException(where + ": account_id must be 1..128 chars");
    }
    // Never echo the key in the message: it names the line only.
    if (m.putIfAbsent(key, new Entry(account, org, keyId(key))) != null) {
      throw new IllegalArgumentException(where + ": duplicate key");
    }
  }

  /** The entry for a raw key, or null. */
  public Entry lookup(String key) {
    return key == null || key.length() > MAX_KEY_LENGTH ? null : byKey.get(key);
  }

  public int size() {
    return byKey.size();
  }

  /** The loggable id of a key: {@code key_} + 16 hex digits of its SHA-256. */
  public static String keyId(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "key_" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
