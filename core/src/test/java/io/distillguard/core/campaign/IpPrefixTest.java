package io.distillguard.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpPrefixTest {

  @Test
  void ipv4_keepsTheSlash24() {
    assertThat(IpPrefix.prefix("198.51.100.23")).isEqualTo("198.51.100.0/24");
    assertThat(IpPrefix.prefix("198.51.100.200")).isEqualTo(IpPrefix.prefix("198.51.100.1"));
  }

  @Test
  void ipv6_keepsTheSlash48_whateverTheSpelling() {
    assertThat(IpPrefix.prefix("2001:db8:abcd:12::1")).isEqualTo("2001:db8:abcd::/48");
    assertThat(IpPrefix.prefix("2001:0db8:abcd:0012:0000:0000:0000:0001"))
        .isEqualTo("2001:db8:abcd::/48");
    assertThat(IpPrefix.prefix("2001:db8::1")).isEqualTo("2001:db8:0::/48");
  }

  @Test
  void garbage_isNull() {
    for (String s : new String[] {null, "", "1.2.3", "256.1.1.1", "1.2.3.4.5", "a.b.c.d", "g::1",
        "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4", "x".repeat(1000), "1..2.3", ":::"}) {
      assertThat(IpPrefix.prefix(s)).as(String.valueOf(s)).isNull();
    }
  }
}
