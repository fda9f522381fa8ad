package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.timetracker.system.Api.expect;
import static org.timetracker.system.Api.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack keeps its data and heals itself: through down and up, a killed database and a killed
 * application. "Killed" is SIGKILL to the container's main process, as a crash or the kernel's OOM
 * killer would do it; `docker kill` would count as a deliberate stop and disable the restart.
 */
@ExtendWith(ProdStack.Resolver.class)
class ResilienceIT {
  private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);

  private final ProdStack stack;

  ResilienceIT(ProdStack stack) {
    this.stack = stack;
  }

  @Test
  void entriesSurviveDownAndUp() {
    String description = createEntry();

    stack.compose(Duration.ofMinutes(3), "down").orFail();
    stack.up();

    assertTrue(entriesOfYesterday(stack.newSession().signInAsAdmin()).contains(description));
  }

  @Test
  void killedDatabaseComesBackWithItsDataAndTheAppRecoversByItself() {
    String description = createEntry();
    String app = stack.container("app");
    String appStarted = stack.inspect(app, "{{.State.StartedAt}}");

    killMainProcess("db");
    stack.awaitHealthy("db", RECOVERY_LIMIT);
    stack.awaitHealthy("app", RECOVERY_LIMIT);
    Api api = signInOnceTheDatabaseAnswers(Duration.ofMinutes(1));

    assertTrue(entriesOfYesterday(api).contains(description));
    assertEquals(appStarted, stack.inspect(app, "{{.State.StartedAt}}"), "app was restarted");
  }

  @Test
  void killedAppIsRestartedByItsPolicyAndNginxSaysSoMeanwhile() {
    String app = stack.container("app");
    int restarts = Integer.parseInt(stack.inspect(app, "{{.RestartCount}}"));

    killMainProcess("app");
    HttpResponse<String> meanwhile = awaitStatus(503);
    stack.awaitHealthy("app", RECOVERY_LIMIT);

    assertEquals("unavailable", json(meanwhile).getString("error"));
    assertEquals(restarts + 1, Integer.parseInt(stack.inspect(app, "{{.RestartCount}}")));
    expect(200, stack.newSession().signInAsAdmin().get("/api/me"));
  }

  private void killMainProcess(String service) {
    String pid = stack.inspect(stack.container(service), "{{.State.Pid}}");
    Command.run(stack.work, Map.of(), Duration.ofSeconds(10), "kill", "-KILL", pid).orFail();
  }

  /** Polls an API path without a session until nginx answers with the status. */
  private HttpResponse<String> awaitStatus(int status) {
    Api api = stack.newSession();
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    HttpResponse<String> response = api.get("/api/me");
    while (response.statusCode() != status && Instant.now().isBefore(end)) {
      ProdStack.pause(Duration.ofMillis(200));
      response = api.get("/api/me");
    }
    return expect(status, response);
  }

  private String createEntry() {
    String description = "kept " + UUID.randomUUID();
    Instant start =
        LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
    String body =
        "{\"description\":\""
            + description
            + "\",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(30, ChronoUnit.MINUTES)
            + "\"}";
    expect(201, stack.newSession().signInAsAdmin().post("/api/entries", body));
    return description;
  }

  private static String entriesOfYesterday(Api api) {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    return expect(200, api.get("/api/entries?from=" + yesterday + "&to=" + yesterday + "&size=500"))
        .body();
  }

  /**
   * Signs in as soon as the application reaches the restarted database. Meanwhile a request may be
   * refused, but only with 503 and our error shape, never with a 500: a pooled connection to the
   * old server process fails once before the pool drops them all. nginx's sign-in limit (429) may
   * slow the attempts down.
   */
  private Api signInOnceTheDatabaseAnswers(Duration limit) {
    Instant end = Instant.now().plus(limit);
    Api session = stack.newSession();
    while (true) {
      HttpResponse<String> login = session.trySigningInAsAdmin();
      if (login.statusCode() == 200) {
        return session;
      }
      if (login.statusCode() != 429) {
        assertEquals(503, login.statusCode(), login.body());
        assertEquals("unavailable", json(login).getString("error"));
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "The database did not answer within " + limit + ": " + login.body());
      }
      ProdStack.pause(Duration.ofSeconds(1));
    }
  }
}
