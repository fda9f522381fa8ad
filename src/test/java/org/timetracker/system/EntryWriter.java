package org.timetracker.system;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.timetracker.testing.Json;

/**
 * A client that writes one time entry every 100 ms (or another interval) through nginx with a
 * personal API token, as a busy team would, and remembers what each request got. Started around a
 * release or rollback, it shows whether any write failed and whether every write that got a 2xx is
 * in the database.
 */
final class EntryWriter implements AutoCloseable {
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);

  /** One write: when it was sent and answered, the status (0: no answer) and its description. */
  record Attempt(Instant sent, Instant answered, int status, String description) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }

    Duration latency() {
      return Duration.between(sent, answered);
    }
  }

  private final Server server;
  private final HttpClient http;
  private final String token;
  private final Duration interval;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<Attempt> attempts = new ArrayList<>();
  private volatile boolean writing;
  private Thread thread;

  private EntryWriter(Server server, String token, Duration interval) {
    this.server = server;
    this.http = server.http();
    this.token = token;
    this.interval = interval;
  }

  /** Signs in as the first admin, creates an API token and starts writing every 100 ms. */
  static EntryWriter start(Server server) {
    return start(server, DEFAULT_INTERVAL);
  }

  /** The same, writing once every INTERVAL. */
  static EntryWriter start(Server server, Duration interval) {
    var writer = new EntryWriter(server, createToken(server), interval);
    writer.writing = true;
    writer.thread = Thread.ofPlatform().name("entry-writer").start(writer::writeUntilStopped);
    return writer;
  }

  /** Stops writing and returns every attempt, oldest first. */
  List<Attempt> stop() {
    writing = false;
    try {
      thread.join(REQUEST_LIMIT.plusSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }

  /** The attempts sent between two instants. */
  List<Attempt> between(Instant from, Instant to) {
    synchronized (attempts) {
      return attempts.stream()
          .filter(a -> !a.sent().isBefore(from) && a.sent().isBefore(to))
          .toList();
    }
  }

  /** The pattern that finds this writer's entries in the database (SQL LIKE). */
  String descriptionPattern() {
    return "writer " + run + " %";
  }

  /**
   * How long writes failed among ATTEMPTS: from each failed write that follows a successful one to
   * the next successful write, added up.
   */
  static Duration downtime(List<Attempt> attempts) {
    Duration total = Duration.ZERO;
    Instant failingSince = null;
    for (Attempt attempt : attempts) {
      if (!attempt.succeeded() && failingSince == null) {
        failingSince = attempt.sent();
      } else if (attempt.succeeded() && failingSince != null) {
        total = total.plus(Duration.between(failingSince, attempt.sent()));
        failingSince = null;
      }
    }
    if (failingSince != null) {
      total = total.plus(Duration.between(failingSince, attempts.getLast().answered()));
    }
    return total;
  }

  @Override
  public void close() {
    if (writing) {
      stop();
    }
  }

  private void writeUntilStopped() {
    Instant next = Instant.now();
    for (int number = 1; writing; number++) {
      Attempt attempt = write(number);
      synchronized (attempts) {
        attempts.add(attempt);
      }
      next = next.plus(interval);
      Duration wait = Duration.between(Instant.now(), next);
      if (wait.isNegative()) {
        next = Instant.now();
      } else {
        ProdStack.pause(wait);
      }
    }
  }

  private Attempt write(int number) {
    String description = "writer " + run + " " + number;
    Instant start = Instant.parse("2020-01-01T00:00:00Z").plus(number, ChronoUnit.MINUTES);
    String body =
        Json.of(
            "description", description,
            "start", start.toString(),
            "end", start.plusSeconds(30).toString());
    var request =
        HttpRequest.newBuilder(server.https("/api/entries"))
            .timeout(REQUEST_LIMIT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Instant sent = Instant.now();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 0;
    }
    return new Attempt(sent, Instant.now(), status, description);
  }

  private static String createToken(Server server) {
    HttpClient session =
        HttpClient.newBuilder()
            .sslContext(server.files.trustingContext())
            .cookieHandler(new CookieManager())
            .build();
    String credentials =
        Json.of("email", Server.ADMIN_EMAIL, "password", server.files.secret("admin.password"));
    JsonObject login = send(session, server, "/api/auth/login", credentials, "");
    JsonObject token =
        send(
            session,
            server,
            "/api/me/tokens",
            Json.of("name", "entry writer"),
            login.getString("csrfToken"));
    return token.getString("token");
  }

  private static JsonObject send(
      HttpClient client, Server server, String path, String body, String csrfToken) {
    var request =
        HttpRequest.newBuilder(server.https(path))
            .timeout(REQUEST_LIMIT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!csrfToken.isEmpty()) {
      request.header("X-CSRF-Token", csrfToken);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new AssertionError(
            path + " answered " + response.statusCode() + ": " + response.body());
      }
      return jakarta.json.Json.createReader(new StringReader(response.body())).readObject();
    } catch (IOException e) {
      throw new AssertionError(path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
