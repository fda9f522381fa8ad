package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS as Mozilla's intermediate profile has it, probed with the host's openssl: TLS 1.2 and 1.3
 * with forward secrecy and AEAD ciphers only, plain HTTP redirected, HSTS.
 */
@ExtendWith(ProdStack.Resolver.class)
class TlsIT {
  private final ProdStack stack;

  TlsIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void tls12And13AreAccepted() {
    Command.Result tls12 = handshake("-tls1_2");
    Command.Result tls13 = handshake("-tls1_3");

    assertTrue(tls12.ok() && tls12.output().contains("Protocol version: TLSv1.2"), tls12.output());
    assertTrue(
        tls12.output().matches("(?s).*Ciphersuite: ECDHE-\\S+-(GCM|CHACHA20)\\S*.*"),
        tls12.output());
    assertTrue(tls13.ok() && tls13.output().contains("Protocol version: TLSv1.3"), tls13.output());
  }

  @Test
  void olderProtocolsAndCbcCiphersAreRefused() {
    // SECLEVEL=0 lets this client offer what it would refuse itself; the server must refuse.
    Command.Result tls11 = handshake("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
    Command.Result cbc = handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0");

    assertFalse(tls11.ok(), tls11.output());
    assertFalse(cbc.ok(), cbc.output());
  }

  @Test
  void plainHttpIsRedirectedToHttps() {
    HttpResponse<String> response = stack.get(stack.http("/reports?week=1"));

    assertEquals(301, response.statusCode());
    assertEquals(
        "https://127.0.0.1/reports?week=1", response.headers().firstValue("Location").orElse(""));
  }

  @Test
  void browsersAreToldToUseHttpsOnly() {
    HttpResponse<String> response = stack.get(stack.https("/"));

    String hsts = response.headers().firstValue("Strict-Transport-Security").orElse("");
    assertTrue(hsts.matches("max-age=\\d{8,}.*"), hsts);
  }

  private Command.Result handshake(String... options) {
    String[] command = new String[5 + options.length];
    command[0] = "openssl";
    command[1] = "s_client";
    command[2] = "-connect";
    command[3] = "127.0.0.1:" + stack.httpsPort;
    command[4] = "-brief";
    System.arraycopy(options, 0, command, 5, options.length);
    return Command.run(stack.work, Map.of(), Duration.ofSeconds(30), command);
  }
}
