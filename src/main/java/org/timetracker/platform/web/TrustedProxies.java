package org.timetracker.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides who the client is and whether it came over HTTPS. The forwarded headers are believed only
 * when the direct peer is one of the configured proxy networks; anyone else could forge them.
 */
@ApplicationScoped
public class TrustedProxies {
  private final List<Cidr> networks;

  @Inject
  public TrustedProxies(@ConfigProperty(name = "proxy.trusted-networks") String networks) {
    this.networks =
        Arrays.stream(networks.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(Cidr::parse)
            .toList();
  }

  /** For CDI's proxy. */
  protected TrustedProxies() {
    this.networks = List.of();
  }

  /** The client's address: the nearest untrusted hop in X-Forwarded-For behind trusted proxies. */
  public String clientAddress(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (!isTrusted(peer) || forwarded == null) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!isTrusted(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return peer;
  }

  /** True when the client reached us over HTTPS, directly or through a trusted proxy. */
  public boolean isHttps(HttpServletRequest request) {
    if (request.isSecure()) {
      return true;
    }
    return isTrusted(request.getRemoteAddr())
        && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }

  boolean isTrusted(String address) {
    byte[] bytes = literalAddress(address);
    return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
  }

  /** Parses an IP literal without ever asking DNS. */
  private static byte[] literalAddress(String text) {
    if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** One network in CIDR notation, IPv4 or IPv6. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      byte[] address = literalAddress(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException(
            "proxy.trusted-networks: '" + text + "' is not an IP network such as 172.18.0.0/16");
      }
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("proxy.trusted-networks: bad prefix in '" + text + "'");
      }
      return new Cidr(address, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefix / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest);
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }
}
