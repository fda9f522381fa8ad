package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/release.sh and bin/rollback.sh on a real Docker engine, driven as an operator drives them,
 * while a client writes an entry every 100 ms: no write is lost, and the time writes failed is
 * measured and printed.
 */
@ExtendWith(Server.Resolver.class)
class ReleaseIT {
  private static final System.Logger LOG = System.getLogger(ReleaseIT.class.getName());
  // The first build on a fresh machine downloads Maven's dependencies; later ones take seconds.
  private static final Duration RELEASE_LIMIT = Duration.ofMinutes(30);
  private static final Duration ROLLBACK_LIMIT = Duration.ofMinutes(10);
  // The operator's budget is 1-2 minutes; the targets are 20 s and 10 s.
  private static final Duration RELEASE_DOWNTIME_LIMIT = Duration.ofSeconds(20);
  private static final Duration ROLLBACK_DOWNTIME_LIMIT = Duration.ofSeconds(10);

  private final Server server;

  ReleaseIT(Server server) {
    this.server = server;
  }

  @Test
  void releaseAndRollbackUnderLoadLoseNoWriteAndRecordEachStep() {
    String v1 = server.checkout.version(ServerCheckout.V1);
    String v2 = server.checkout.version(ServerCheckout.V2);
    server.script(RELEASE_LIMIT, "release.sh", ServerCheckout.V1).orFail();
    assertRuns(v1);

    EntryWriter writer = EntryWriter.start(server);
    Instant releaseStarted = Instant.now();
    List<Command.Result> releases = twoReleasesAtOnce(ServerCheckout.V2);
    Instant releaseEnded = Instant.now();
    assertRuns(v2);
    assertEquals(
        "1", server.sql(columnCount()), "v2's migration added " + ServerCheckout.V2_COLUMN);

    Instant rollbackStarted = Instant.now();
    server.script(ROLLBACK_LIMIT, "rollback.sh").orFail();
    Instant rollbackEnded = Instant.now();
    assertRuns(v1);
    ProdStack.pause(Duration.ofSeconds(2));
    List<EntryWriter.Attempt> attempts = writer.stop();

    Duration releaseDowntime = measure("release", writer.between(releaseStarted, releaseEnded));
    Duration rollbackDowntime = measure("rollback", writer.between(rollbackStarted, rollbackEnded));

    assertTrue(releaseDowntime.compareTo(RELEASE_DOWNTIME_LIMIT) < 0, "release downtime");
    assertTrue(rollbackDowntime.compareTo(ROLLBACK_DOWNTIME_LIMIT) < 0, "rollback downtime");
    assertEveryAcknowledgedWriteIsStored(writer, attempts);
    assertOneRanAndOneWasRefused(releases);
    assertHistoryEndsWith(
        "release\t" + v1 + "\t" + v2 + "\tok", "rollback\t" + v2 + "\t" + v1 + "\tok");
    assertTrue(
        server
            .script(Duration.ofMinutes(1), "rollback.sh", "--list")
            .orFail()
            .output()
            .matches("(?s).*" + v1 + " [^\n]*running.*"),
        "rollback.sh --list names v1 as running");
    assertBothComposeCommandsShowEveryService();
    assertStatusShows(v1);
  }

  @Test
  void releaseWhoseApplicationFailsItsHealthCheckRollsBackByItself() {
    server.ensureRunning();
    List<String> imageBefore = server.runningImages("app");
    String entriesBefore = server.sql("select count(*) from entries");

    // v3's migration fails, so its application never passes the health check.
    Command.Result release =
        server.script(
            RELEASE_LIMIT, Map.of("TT_HEALTH_TIMEOUT", "60"), "release.sh", ServerCheckout.V3);

    assertEquals(5, release.exitCode(), release.output());
    assertTrue(release.output().contains("release_test_no_such_table"), "shows the app's log");
    assertTrue(release.output().contains("serves again"), release.output());
    assertTrue(server.healthy(), server.health());
    assertEquals(imageBefore, server.runningImages("app"));
    assertEquals(entriesBefore, server.sql("select count(*) from entries"));
    assertHistoryEndsWith(
        "release\t[^\t]*\t" + server.checkout.version(ServerCheckout.V3) + "\trolled-back");
  }

  @Test
  void releaseAndRollbackChangeNothingWhileASecretIsMissing() throws IOException {
    server.ensureRunning();
    List<String> imageBefore = server.runningImages("app");
    String historyBefore = server.history();
    Path secret = server.files.secrets.resolve("admin.password");
    Path aside = server.files.home.resolve("admin.password.aside");

    Files.move(secret, aside);
    try {
      for (List<String> command :
          List.of(List.of("release.sh", ServerCheckout.V2), List.of("rollback.sh"))) {
        Command.Result refused =
            server.script(Duration.ofMinutes(2), command.toArray(String[]::new));

        assertEquals(4, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("admin.password is missing"), refused.output());
        assertTrue(refused.output().contains("sudo bin/init-secrets.sh"), refused.output());
      }
    } finally {
      Files.move(aside, secret);
    }
    assertEquals(imageBefore, server.runningImages("app"));
    assertEquals(historyBefore, server.history());
    assertTrue(server.healthy(), server.health());
  }

  /** Starts two releases of the same version at the same moment and waits for both. */
  private List<Command.Result> twoReleasesAtOnce(String tag) {
    var ready = new CountDownLatch(2);
    var results = new ArrayList<Command.Result>();
    List<Thread> releases =
        Stream.of(1, 2)
            .map(
                number ->
                    Thread.ofPlatform()
                        .start(
                            () -> {
                              ready.countDown();
                              awaitQuietly(ready);
                              Command.Result result =
                                  server.script(RELEASE_LIMIT, "release.sh", tag);
                              synchronized (results) {
                                results.add(result);
                              }
                            }))
            .toList();
    releases.forEach(ReleaseIT::joinQuietly);
    return results;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void assertStatusShows(String version) {
    Command.Result status = server.script(Duration.ofMinutes(1), "status.sh");

    assertEquals(0, status.exitCode(), status.output());
    assertTrue(status.output().contains("version      " + version), status.output());
    for (String service : List.of("web", "app", "db")) {
      assertTrue(status.output().matches("(?s).*\n  " + service + " +healthy.*"), status.output());
    }
    assertTrue(status.output().contains("backup       timetracker-"), status.output());
  }

  /** The app container now has another number than 1; both commands still find every one. */
  private void assertBothComposeCommandsShowEveryService() {
    for (List<String> program : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      String logs = server.compose(program, Duration.ofMinutes(1), "logs", "--no-color").output();

      for (String service : List.of("web", "app", "db")) {
        assertTrue(
            logs.matches("(?s).*" + service + "-\\d+ +\\| .*"),
            program + " shows nothing of " + service);
      }
    }
  }

  private void assertRuns(String version) {
    assertTrue(server.healthy(), server.health());
    assertEquals(List.of(server.imageId("app", version)), server.runningImages("app"));
  }

  private static void assertOneRanAndOneWasRefused(List<Command.Result> releases) {
    Set<Integer> codes =
        releases.stream().map(Command.Result::exitCode).collect(Collectors.toSet());
    String outputs =
        releases.stream().map(Command.Result::output).collect(Collectors.joining("\n----\n"));

    assertEquals(Set.of(0, 3), codes, outputs);
    assertTrue(outputs.contains("another release or rollback is running"), outputs);
  }

  private void assertEveryAcknowledgedWriteIsStored(
      EntryWriter writer, List<EntryWriter.Attempt> attempts) {
    Set<String> stored =
        server
            .sql(
                "select description from entries where description like '"
                    + writer.descriptionPattern()
                    + "'")
            .lines()
            .collect(Collectors.toSet());
    List<String> acknowledged =
        attempts.stream()
            .filter(EntryWriter.Attempt::succeeded)
            .map(EntryWriter.Attempt::description)
            .toList();

    assertTrue(acknowledged.size() > 100, "the writer wrote " + acknowledged.size());
    assertEquals(
        List.of(),
        acknowledged.stream().filter(description -> !stored.contains(description)).toList(),
        "acknowledged writes missing from the database");
  }

  /** Logs and prints how writes fared during ACTION; returns the time writes failed. */
  private static Duration measure(String action, List<EntryWriter.Attempt> attempts) {
    Duration downtime = EntryWriter.downtime(attempts);
    long failed = attempts.stream().filter(attempt -> !attempt.succeeded()).count();
    Duration slowest =
        attempts.stream().map(EntryWriter.Attempt::latency).max(Duration::compareTo).orElseThrow();
    String summary =
        String.format(
            "%s: %d writes, %d failed, downtime %.1f s, slowest answer %.1f s",
            action,
            attempts.size(),
            failed,
            downtime.toMillis() / 1000.0,
            slowest.toMillis() / 1000.0);
    LOG.log(Level.INFO, summary);
    System.out.println("MEASURED " + summary);
    return downtime;
  }

  private void assertHistoryEndsWith(String... patterns) {
    List<String> history = server.history().lines().toList();
    List<String> last =
        history.subList(Math.max(0, history.size() - patterns.length), history.size());
    for (int i = 0; i < patterns.length; i++) {
      assertTrue(
          last.size() == patterns.length && last.get(i).matches(".*\t" + patterns[i] + "\t.*"),
          "history does not end with " + List.of(patterns) + ":\n" + String.join("\n", history));
    }
  }

  private static String columnCount() {
    return "select count(*) from information_schema.columns where table_name = 'entries'"
        + " and column_name = '"
        + ServerCheckout.V2_COLUMN
        + "'";
  }
}
