package org.timetracker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.timetracker.testing.ApiClient;
import org.timetracker.testing.ApiResponse;
import org.timetracker.testing.Deployments;
import org.timetracker.testing.Json;
import org.timetracker.testing.Team;

/**
 * The test server trusts 127.0.0.1 as its proxy (the default). Requests from 127.0.0.2 play a
 * client that talks to the application directly and forges the forwarded headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxyAndHealthIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL url;
  ApiClient server;
  Team team;

  @BeforeEach
  void connect() {
    server = ApiClient.of(url);
    team = new Team(server);
  }

  @Test
  void readinessChecksTheDatabaseAndLivenessDoesNot() {
    ApiResponse ready = server.get("/health/ready");
    ApiResponse live = server.get("/health/live");

    assertEquals(200, ready.status(), ready.body());
    JsonObject check = ready.json().getJsonArray("checks").getJsonObject(0);
    assertEquals("database", check.getString("name"));
    assertEquals("UP", check.getString("status"));
    assertEquals(200, live.status(), live.body());
    assertFalse(live.body().contains("database"));
  }

  @Test
  void theCookieIsSecureWhenTheTrustedProxySaysHttps() {
    String email = team.newUser("member", "UTC");

    ApiResponse login =
        server
            .anonymous()
            .send(
                "POST",
                "/api/auth/login",
                Json.of("email", email, "password", Team.PASSWORD),
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));

    assertEquals(200, login.status(), login.body());
    assertTrue(login.header("Set-Cookie").contains("; Secure"), login.header("Set-Cookie"));
  }

  @Test
  void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws IOException {
    String email = team.newUser("member", "UTC");
    String body = Json.of("email", email, "password", Team.PASSWORD);

    String answer =
        fromUntrustedPeer(
            "POST",
            "/api/auth/login",
            body,
            "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    String cookie =
        answer.lines().filter(l -> l.startsWith("Set-Cookie:")).findFirst().orElseThrow();
    assertFalse(cookie.contains("Secure"), cookie);
  }

  @Test
  void throttlingCountsTheRealClientBehindTheProxyAndThePeerOtherwise() throws IOException {
    String email = team.newUser("member", "UTC");
    String wrong = Json.of("email", email, "password", "wrong password!");
    for (int i = 0; i < 5; i++) {
      server
          .anonymous()
          .send("POST", "/api/auth/login", wrong, Map.of("X-Forwarded-For", "203.0.113.1"));
    }

    ApiResponse sameClient =
        server
            .anonymous()
            .send("POST", "/api/auth/login", wrong, Map.of("X-Forwarded-For", "203.0.113.1"));
    ApiResponse otherClient =
        server
            .anonymous()
            .send(
                "POST",
                "/api/auth/login",
                Json.of("email", email, "password", Team.PASSWORD),
                Map.of("X-Forwarded-For", "203.0.113.2"));
    for (int i = 0; i < 5; i++) {
      fromUntrustedPeer(
          "POST", "/api/auth/login", wrong, "X-Forwarded-For: 198.51.100." + i + "\r\n");
    }
    String forged =
        fromUntrustedPeer("POST", "/api/auth/login", wrong, "X-Forwarded-For: 198.51.100.99\r\n");

    assertEquals(429, sameClient.status());
    assertEquals(200, otherClient.status(), otherClient.body());
    assertTrue(forged.startsWith("HTTP/1.1 429"), "a forged header does not escape: " + forged);
  }

  /** One HTTP/1.1 request sent from 127.0.0.2, so that the application sees an untrusted peer. */
  private String fromUntrustedPeer(String method, String path, String body, String headers)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + content.length
                  + "\r\n"
                  + "Connection: close\r\n"
                  + headers
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
