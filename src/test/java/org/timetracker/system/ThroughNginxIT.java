package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.timetracker.system.Api.expect;
import static org.timetracker.system.Api.json;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a browser gets from the production stack through nginx: API, static files, headers. */
@ExtendWith(ProdStack.Resolver.class)
class ThroughNginxIT {
  private final ProdStack stack;

  ThroughNginxIT(ProdStack stack) {
    this.stack = stack;
  }

  /**
   * Many connections at once wait in Payara's queue. Its HTTP pool used to grow a thread for each,
   * past the container's pids limit, and requests failed with "unable to create native thread".
   */
  @Test
  void aBurstOfConnectionsQueuesInsteadOfFailing() {
    Api admin = stack.newSession().signInAsAdmin();
    String token =
        json(expect(201, admin.post("/api/me/tokens", "{\"name\":\"burst\"}"))).getString("token");
    HttpClient client = stack.client().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest week =
        HttpRequest.newBuilder(stack.https("/api/entries?from=2026-11-02&to=2026-11-08"))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofMinutes(1))
            .build();

    List<CompletableFuture<HttpResponse<String>>> burst =
        IntStream.range(0, 250)
            .mapToObj(i -> client.sendAsync(week, HttpResponse.BodyHandlers.ofString()))
            .toList();
    Map<Integer, Long> statuses =
        burst.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

    assertEquals(Map.of(200, 250L), statuses);
    String logs = stack.compose(Duration.ofSeconds(30), "logs", "app").output();
    assertFalse(logs.contains("unable to create native thread"), "the app ran out of threads");
    String threads =
        stack
            .docker("exec", stack.container("app"), "sh", "-c", "cat /proc/1/task/*/comm")
            .orFail()
            .output();
    // comm holds the first 15 characters of "http-thread-pool::http-listener(n)".
    long httpThreads = threads.lines().filter(name -> name.startsWith("http-thread-po")).count();
    assertTrue(httpThreads <= 32, httpThreads + " HTTP threads, more than the 32 configured");
  }

  /**
   * nginx keeps its connections to Payara open between requests. It used to open one for each
   * request, and under load the closed ones, each holding its port for a minute, used up the web
   * container's ports and most of its CPU.
   */
  @Test
  void apiRequestsReuseTheConnectionsToTheApplication() {
    Api api = stack.newSession().signInAsAdmin();
    int before = socketsToTheApp();
    for (int i = 0; i < 200; i++) {
      expect(200, api.get("/api/me"));
    }
    int opened = socketsToTheApp() - before;

    assertTrue(opened < 50, opened + " more connections to the app for 200 requests");
  }

  /** The web container's sockets to port 8080 (hex 1F90) of the app: open or closing. */
  private int socketsToTheApp() {
    String count =
        stack
            .docker(
                "exec",
                stack.container("web"),
                "awk",
                "$3 ~ /:1F90$/ { n++ } END { print n + 0 }",
                "/proc/net/tcp")
            .orFail()
            .output();
    return Integer.parseInt(count.strip());
  }

  @Test
  void timerRoundTripThroughNginx() {
    Api api = stack.newSession().signInAsAdmin();

    JsonObject started =
        json(expect(201, api.post("/api/timer/start", "{\"description\":\"system test timer\"}")));
    JsonObject running = json(expect(200, api.get("/api/timer")));
    JsonObject stopped = json(expect(200, api.post("/api/timer/stop", null)));

    assertTrue(started.isNull("end"));
    assertEquals(started.getInt("id"), running.getInt("id"));
    assertFalse(stopped.isNull("end"), "a stopped entry has an end");
    expect(204, api.get("/api/timer"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String entries =
        expect(200, api.get("/api/entries?from=" + today.minusDays(1) + "&to=" + today.plusDays(1)))
            .body();
    assertTrue(entries.contains("\"id\":" + started.getInt("id")), entries);
  }

  @Test
  void signedOutApiCallsGetTheApiError() {
    HttpResponse<String> response = expect(401, stack.newSession().get("/api/me"));

    assertEquals("not_signed_in", json(response).getString("error"));
  }

  @Test
  void pagesAndApiAnswersCarryTheSecurityHeaders() {
    for (String path : new String[] {"/", "/api/me", "/no-such-file.js"}) {
      HttpResponse<String> response = get(stack.https(path), "text/html");
      String csp = header(response, "Content-Security-Policy");

      assertAll(
          path,
          () -> assertTrue(csp.contains("default-src 'self'"), csp),
          () -> assertTrue(csp.contains("frame-ancestors 'none'"), csp),
          () -> assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp),
          () -> assertEquals("nosniff", header(response, "X-Content-Type-Options")),
          () -> assertEquals("same-origin", header(response, "Referrer-Policy")),
          () -> assertTrue(header(response, "Permissions-Policy").contains("camera=()")),
          () -> assertTrue(header(response, "Strict-Transport-Security").contains("max-age=")),
          () -> assertEquals("nginx", header(response, "Server")),
          () -> assertTrue(response.headers().firstValue("X-Powered-By").isEmpty()));
    }
  }

  @Test
  void staticFilesAreCompressedAndRevalidated() {
    HttpResponse<String> page = get(stack.https("/"), "text/html");
    HttpResponse<String> styles = get(stack.https("/css/app.css"), "text/css");
    HttpResponse<String> compressed =
        stack.get(stack.https("/css/app.css"), "Accept-Encoding", "gzip");
    HttpResponse<String> unchanged =
        stack.get(stack.https("/css/app.css"), "If-None-Match", header(styles, "ETag"));

    assertEquals("no-cache", header(page, "Cache-Control"));
    assertEquals("gzip", header(compressed, "Content-Encoding"));
    assertEquals(304, unchanged.statusCode());
  }

  @Test
  void payaraEndpointsAreNotReachable() {
    for (String path : new String[] {"/health", "/health/ready", "/metrics", "/openapi"}) {
      assertEquals(404, get(stack.https(path), "*/*").statusCode(), path);
    }
    // Refused by nginx (400), or decoded and normalised into /health (404): never proxied.
    for (String path : new String[] {"/api/..;/health/ready", "/api/%2e%2e/health/live"}) {
      int status = get(stack.https(path), "*/*").statusCode();
      assertTrue(status == 400 || status == 404, path + " answered " + status);
    }
  }

  @Test
  void largeBodiesAreRefusedWithTheApiError() {
    String body = "{\"description\":\"" + "x".repeat(300 * 1024) + "\"}";

    HttpResponse<String> response = expect(413, stack.newSession().post("/api/entries", body));

    assertEquals("too_large", json(response).getString("error"));
  }

  private HttpResponse<String> get(URI uri, String accept) {
    return stack.get(uri, "Accept", accept);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response
        .headers()
        .firstValue(name)
        .orElseThrow(() -> new AssertionError(name + " missing on " + response.uri()));
  }
}
