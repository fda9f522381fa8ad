package org.timetracker.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/init-secrets.sh, bin/rotate-secrets.sh, bin/backup-secrets.sh and the secret rotation runbook
 * on the test server, while it serves. The tests run in order on one server: each rotation starts
 * from what the one before left, as on a real server over the years, and the last ones look for
 * every value a secret had on the way.
 */
@ExtendWith(Server.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {
  private static final System.Logger LOG = System.getLogger(SecretsIT.class.getName());
  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final Path RUNBOOK = Path.of("docs/runbooks/secret-rotation.md");

  /** Prints the command line and environment of every process in a container. */
  private static final String PROCESSES =
      "for p in /proc/[0-9]*; do cat $p/cmdline $p/environ 2>/dev/null; echo; done";

  /** Every value any secret had during these tests; none may show up anywhere. */
  private static final Set<String> VALUES_SEEN = new HashSet<>();

  private final Server server;

  SecretsIT(Server server) {
    this.server = server;
  }

  @BeforeEach
  void rememberTheCurrentValues() throws IOException {
    server.ensureRunning();
    VALUES_SEEN.addAll(currentValues().values());
  }

  @Test
  @Order(1)
  void initSecretsAgainChangesNothing() {
    String before = listing();
    Map<String, String> values = currentValues();

    Command.Result again = server.script(LIMIT, "init-secrets.sh");
    Command.Result check = server.script(LIMIT, "init-secrets.sh", "--check");

    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().contains("nothing was created"), again.output());
    assertEquals(before, listing(), "owners, modes and times of the secret files");
    assertEquals(values, currentValues());
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(server.healthy(), server.health());
  }

  @Test
  @Order(2)
  void statusWarnsAboutASecretOlderThanNinetyDays() throws IOException {
    Path history = server.files.home.resolve("state/secret-history");
    String recorded = Files.readString(history);
    Files.writeString(
        history,
        "2020-01-01T00:00:00Z\tpostgres.password\trotated\troot\t\n",
        StandardOpenOption.APPEND);

    Command.Result secrets = server.script(LIMIT, "rotate-secrets.sh", "--status");
    Command.Result status = server.script(LIMIT, "status.sh");
    Files.writeString(history, recorded);

    assertEquals(8, secrets.exitCode(), secrets.output());
    assertTrue(
        secrets.output().contains("! postgres.password")
            && secrets.output().contains("older than 90"),
        secrets.output());
    assertTrue(secrets.output().contains("  db.password "), secrets.output());
    assertEquals(8, status.exitCode(), status.output());
    assertTrue(status.output().contains("! postgres.password"), status.output());
  }

  @Test
  @Order(3)
  void databaseCredentialsRotateWithoutAFailedRequest() throws IOException {
    String oldRole = server.files.secret("db.user");
    String oldPassword = server.files.secret("db.password");
    EntryWriter writer = EntryWriter.start(server, Duration.ofMillis(50));

    Instant started = Instant.now();
    Command.Result rotation = server.script(LIMIT, "rotate-secrets.sh", "db.password");
    Duration took = Duration.between(started, Instant.now());
    ProdStack.pause(Duration.ofSeconds(2));
    List<EntryWriter.Attempt> attempts = writer.stop();
    List<String> failed =
        attempts.stream()
            .filter(a -> !a.succeeded())
            .map(a -> a.status() + " " + a.sent())
            .toList();
    LOG.log(
        Level.INFO,
        "db.password rotated in {0} s; {1} of {2} requests failed",
        took.toSeconds(),
        failed.size(),
        attempts.size());
    String newRole = server.files.secret("db.user");
    String newPassword = server.files.secret("db.password");

    assertEquals(0, rotation.exitCode(), rotation.output());
    assertEquals(List.of(), failed, "failed requests during the rotation");
    assertNotEquals(oldRole, newRole);
    assertFalse(logsIn(oldRole, oldPassword), oldRole + " still logs in with its old password");
    assertFalse(logsIn(newRole, oldPassword), newRole + " logs in with the old password");
    assertTrue(logsIn(newRole, newPassword), newRole + " does not log in with the new password");
    assertTrue(history().contains("\tdb.password\trotated\troot\tlogin role " + newRole));
    assertFalse(history().contains(newPassword), "a value in the history");

    // An operator who edits a secret by hand may leave a newline at its end.
    Files.writeString(server.files.secrets.resolve("db.password"), "\n", StandardOpenOption.APPEND);
    server.compose(LIMIT, "restart", "app").orFail();
    awaitHealthy();
    Command.Result check = server.script(LIMIT, "init-secrets.sh", "--check");
    Files.writeString(server.files.secrets.resolve("db.password"), newPassword);

    assertEquals(8, check.exitCode(), check.output());
    assertTrue(check.output().contains("db.password ends with a newline"), check.output());
  }

  @Test
  @Order(4)
  void backupsFromBeforeAndAfterRotatingTheSuperuserAndBackupKeyRestore() throws IOException {
    // Retention keeps one backup a day: the earlier one is kept apart.
    Path before = keepApart(backUp());
    String oldKey = server.files.secret("backup.key");

    Command.Result rotation =
        server.script(LIMIT, "rotate-secrets.sh", "postgres.password", "backup.key");
    String after = backUp();
    Command.Result restoreAfter = server.script(LIMIT, "restore.sh", "--force", after);
    server.compose(LIMIT, "down").orFail();
    server.docker("volume", "rm", Server.PROJECT + "_db-data");
    Command.Result restoreBefore = server.script(LIMIT, "restore.sh", before.toString());

    assertEquals(0, rotation.exitCode(), rotation.output());
    assertNotEquals(oldKey, server.files.secret("backup.key"));
    assertEquals(0, restoreAfter.exitCode(), restoreAfter.output());
    assertTrue(restoreAfter.output().contains("decrypted with backup.key\n"));
    assertEquals(0, restoreBefore.exitCode(), restoreBefore.output());
    assertTrue(restoreBefore.output().contains("decrypted with backup.key."));
    // The new cluster was made with the rotated secrets, and the application logs in to it.
    assertTrue(logsIn(server.files.secret("db.user"), server.files.secret("db.password").strip()));
    assertTrue(server.healthy(), server.health());
  }

  @Test
  @Order(5)
  void theRunbookWorksWordForWord() throws IOException {
    EntryWriter.start(server, Duration.ofSeconds(1)).stop(); // signs in: one session at least
    Path passphrase = server.work.resolve("secrets-passphrase");
    Files.writeString(passphrase, "a passphrase for the test archive\n");
    String rotatedBefore = server.files.secret("db.password");
    long keysBefore = earlierBackupKeys();

    Command.Result run =
        Command.run(
            server.checkout.directory,
            Map.of(
                "TT_CONFIG", server.settings.toString(),
                "TT_SECRETS_PASSPHRASE_FILE", passphrase.toString()),
            Duration.ofMinutes(20),
            "bash",
            "-c",
            runbookScript());
    LOG.log(Level.INFO, "what the commands of the runbook printed:\n{0}", run.output());
    Path asideByTheRunbook = server.files.home.resolve("secrets.before-restore");

    assertEquals(0, run.exitCode(), run.output());
    assertEquals("0", server.sql("select count(*) from sessions"), "every session ended");
    assertNotEquals(rotatedBefore, server.files.secret("db.password"));
    assertEquals(keysBefore + 2, earlierBackupKeys(), "one backup key kept per rotation");
    assertEquals(ProdStack.readSecrets(asideByTheRunbook), currentValues(), "restored secrets");
    assertTrue(server.healthy(), server.health());
    deleteTree(asideByTheRunbook);
  }

  @Test
  @Order(6)
  void noValueOfAnySecretShowsInInspectHistoryLogsOrProcesses() {
    List<String> places = new ArrayList<>();
    for (String container : server.docker("ps", "--quiet", "--filter", project()).split("\n")) {
      places.add("inspect " + container + "\n" + server.docker("inspect", container));
      String image = server.docker("inspect", "--format", "{{.Image}}", container).strip();
      places.add("history of " + image + "\n" + server.docker("history", "--no-trunc", image));
      places.add(
          "processes in "
              + container
              + "\n"
              + server.docker("exec", container, "sh", "-c", PROCESSES));
    }
    places.add("logs\n" + server.compose(LIMIT, "logs", "--no-color").orFail().output());

    assertTrue(VALUES_SEEN.size() >= 8, "values looked for: " + VALUES_SEEN.size());
    for (String place : places) {
      for (String value : VALUES_SEEN) {
        assertFalse(
            place.contains(value),
            "a secret's value appears in " + place.lines().findFirst().orElse(""));
      }
    }
  }

  @Test
  @Order(7)
  void theDatabaseRefusesAReadableSecretAndNamesAMissingOneAndTrimsANewline() throws IOException {
    Path readable =
        secretsDirectory("readable", Map.of("postgres.password", "p1\n", "db.password", "d1"));
    run("chmod", "0444", readable.resolve("db.password").toString());
    Path missing = secretsDirectory("missing", Map.of("db.password", "d2"));
    Path newline =
        secretsDirectory("newline", Map.of("postgres.password", "p3\n", "db.password", "d3\n"));

    Command.Result refused = startDatabase(readable, "--rm");
    Command.Result named = startDatabase(missing, "--rm");
    String started = startDatabase(newline, "--detach").orFail().output().strip();

    assertAll(
        () -> assertNotEquals(0, refused.exitCode()),
        () ->
            assertTrue(
                refused.output().contains("db.password is readable by every user"),
                refused.output()),
        () -> assertNotEquals(0, named.exitCode()),
        () ->
            assertTrue(
                named.output().contains("no postgres.password: provide the secret file"),
                named.output()));
    try {
      awaitLogin(started, "d3");
    } finally {
      server.docker("rm", "--force", "--volumes", started);
    }
  }

  // ---- helpers

  /**
   * The shell blocks of the runbook, in order, with the test server's folder for /srv/timetracker.
   */
  private String runbookScript() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of(System.getProperty("timetracker.root", ".")).resolve(RUNBOOK));
    var script = new StringBuilder("set -Eeuxo pipefail\n");
    // The tests run as root, where sudo would change nothing.
    script.append("sudo() { \"$@\"; }\n");
    boolean inside = false;
    for (String line : lines) {
      if (line.strip().equals("```sh")) {
        inside = true;
      } else if (inside && line.strip().equals("```")) {
        inside = false;
      } else if (inside) {
        script.append(line.strip().replace("/srv/timetracker", server.files.home.toString()));
        script.append('\n');
      }
    }
    return script.toString();
  }

  /** Every secret file's value, without db.user and the trailing newline a test may add. */
  private Map<String, String> currentValues() {
    try {
      Map<String, String> values = new TreeMap<>();
      ProdStack.readSecrets(server.files.secrets)
          .forEach((name, value) -> values.put(name, value.strip()));
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String listing() {
    return Command.run(
                server.files.secrets,
                Map.of(),
                Duration.ofSeconds(10),
                "stat",
                "--format",
                "%n %u:%g %a %Y",
                server.files.secrets.toString())
            .orFail()
            .output()
        + Command.run(
                server.files.secrets,
                Map.of(),
                Duration.ofSeconds(10),
                "sh",
                "-c",
                "stat --format '%n %u:%g %a %Y' *")
            .orFail()
            .output();
  }

  /** Whether ROLE logs in with PASSWORD over the database network, as the application does. */
  private boolean logsIn(String role, String password) {
    String compose =
        "docker compose --project-name "
            + Server.PROJECT
            + " --env-file "
            + server.settings
            + " --file compose/prod.yml";
    // psql reads the password from its standard input, so that it is in no command line.
    String command =
        "printf '%s\\n' \"$PASSWORD\" | "
            + compose
            + " exec -T db psql --no-psqlrc --password --host=db --username=\"$ROLE\""
            + " --dbname=timetracker --tuples-only --command 'select 1'";
    return Command.run(
            server.checkout.directory,
            Map.of("PASSWORD", password, "ROLE", role),
            Duration.ofMinutes(1),
            "bash",
            "-c",
            command)
        .ok();
  }

  private String history() throws IOException {
    return Files.readString(server.files.home.resolve("state/secret-history"));
  }

  private long earlierBackupKeys() throws IOException {
    try (Stream<Path> files = Files.list(server.files.secrets)) {
      return files.filter(f -> f.getFileName().toString().startsWith("backup.key.")).count();
    }
  }

  private String backUp() {
    return server
        .script(LIMIT, "backup.sh", "--reason", "secrets test")
        .orFail()
        .output()
        .lines()
        .filter(line -> line.startsWith("/"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private Path keepApart(String backup) throws IOException {
    Path folder = Files.createTempDirectory(server.work, "kept");
    Path copy = folder.resolve(Path.of(backup).getFileName());
    Files.copy(Path.of(backup), copy);
    Files.copy(Path.of(backup + ".sha256"), folder.resolve(copy.getFileName() + ".sha256"));
    return copy;
  }

  private void awaitHealthy() {
    Instant end = Instant.now().plus(Duration.ofMinutes(5));
    while (!server.healthy()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("not healthy after 5 minutes:\n" + server.health());
      }
      ProdStack.pause(Duration.ofSeconds(2));
    }
  }

  private String project() {
    return "label=com.docker.compose.project=" + Server.PROJECT;
  }

  /** A secrets folder as the db container's user would get it: files 0400, owned by 10003. */
  private Path secretsDirectory(String name, Map<String, String> files) throws IOException {
    Path directory = Files.createDirectories(server.work.resolve("db-secrets-" + name));
    for (var file : files.entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue());
    }
    run("chown", "-R", "10003:10003", directory.toString());
    run("sh", "-c", "chmod 0400 " + directory + "/*");
    return directory;
  }

  /** Runs the database image alone, with SECRETS as its /run/secrets. */
  private Command.Result startDatabase(Path secrets, String mode) {
    return Command.run(
        server.work,
        Map.of(),
        Duration.ofMinutes(2),
        "docker",
        "run",
        mode,
        "--read-only",
        "--tmpfs",
        "/tmp:mode=1777",
        "--tmpfs",
        "/run/postgresql:uid=10003,gid=10003,mode=0755",
        "-v",
        secrets + ":/run/secrets:ro",
        "timetracker-db:" + Server.LIVE_TAG);
  }

  /** Waits until the database in CONTAINER takes timetracker_app_a with PASSWORD. */
  private void awaitLogin(String container, String password) {
    String command =
        "printf '%s\\n' \"$PASSWORD\" | docker exec -i "
            + container
            + " sh -c 'psql --no-psqlrc --password --host=$(hostname -i) "
            + "--username=timetracker_app_a --dbname=timetracker --command \"select 1\"'";
    Instant end = Instant.now().plus(Duration.ofMinutes(1));
    Command.Result login;
    do {
      ProdStack.pause(Duration.ofSeconds(1));
      login = Command.run(server.work, Map.of("PASSWORD", password), LIMIT, "bash", "-c", command);
    } while (!login.ok() && Instant.now().isBefore(end));
    assertTrue(login.ok(), "the password without its newline:\n" + login.output());
  }

  private void run(String... command) {
    Command.run(server.work, Map.of(), Duration.ofSeconds(30), command).orFail();
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
