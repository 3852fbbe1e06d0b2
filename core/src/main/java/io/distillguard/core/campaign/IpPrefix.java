package io.distillguard.core.campaign;

/**
 * Network prefix of a client address, by hand so that garbage never reaches {@code InetAddress}
 * (which may resolve names). IPv4 keeps the /24, IPv6 the /48; anything else yields null.
 */
final class IpPrefix {
  private static final int MAX_LEN = 64;

  private IpPrefix() {}

  /** The /24 (IPv4) or /48 (IPv6) prefix as canonical text, or null when not an address. */
  static String prefix(String ip) {
    if (ip == null || ip.isEmpty() || ip.length() > MAX_LEN) {
      return null;
    }
    return ip.indexOf(':') >= 0 ? v6(ip) : v4(ip);
  }

  private static String v4(String ip) {
    int parts = 0;
    int value = -1;
    int[] octets = new int[4];
    for (int i = 0; i <= ip.length(); i++) {
      char c = i < ip.length() ? ip.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (value < 0 || parts == 4) {
          return null;
        }
        octets[parts++] = value;
        value = -1;
      } else {
        return null;
      }
    }
    return parts == 4 ? octets[0] + "." + octets[1] + "." + octets[2] + ".0/24" : null;
  }

  private static String v6(String ip) {
    int pct = ip.indexOf('%');
    String s = pct >= 0 ? ip.substring(0, pct) : ip;
    int dbl = s.indexOf("::");
    String[] head;
    String[] tail;
    if (dbl >= 0) {
      head = split(s.substring(0, dbl));
      tail = split(s.substring(dbl + 2));
    } else {
      head = split(s);
      tail = new String[0];
      if (head == null || head.length != 8) {
        return null;
      }
    }
    if (head == null || tail == null || head.length + tail.length > 8) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = hex(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = hex(tail[i]);
    }
    for (int g : groups) {
      if (g < 0) {
        return null;
      }
    }
    return Integer.toHexString(groups[0])
        + ":"
        + Integer.toHexString(groups[1])
        + ":"
        + Integer.toHexString(groups[2])
        + "::/48";
  }

  private static String[] split(String s) {
    if (s.isEmpty()) {
      return new String[0];
    }
    String[] parts = s.split(":", -1);
    // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups; keep it simple and reject it.
    return parts.length > 8 ? null : parts;
  }

  private static int hex(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < g.length(); i++) {
      int d = Character.digit(g.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
