package org.timetracker.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = new TrustedProxies("172.18.0.0/16, ::1/128, 10.0.0.7");

  @Test
  void addressesInsideTheNetworksAreTrusted() {
    assertTrue(proxies.isTrusted("172.18.0.1"));
    assertTrue(proxies.isTrusted("172.18.255.254"));
    assertTrue(proxies.isTrusted("::1"));
    assertTrue(proxies.isTrusted("10.0.0.7"));
  }

  @Test
  void addressesOutsideOrMalformedAreNot() {
    assertFalse(proxies.isTrusted("172.19.0.1"));
    assertFalse(proxies.isTrusted("10.0.0.8"));
    assertFalse(proxies.isTrusted("::2"));
    assertFalse(proxies.isTrusted("example.com"), "never resolved through DNS");
    assertFalse(proxies.isTrusted(""));
    assertFalse(proxies.isTrusted(null));
  }

  @Test
  void aPrefixOffTheByteBoundaryMasksBits() {
    TrustedProxies narrow = new TrustedProxies("192.168.1.128/25");

    assertTrue(narrow.isTrusted("192.168.1.200"));
    assertFalse(narrow.isTrusted("192.168.1.127"));
  }

  @Test
  void aBadNetworkStopsTheStartWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies("intranet"));

    assertTrue(e.getMessage().contains("proxy.trusted-networks"));
  }
}
