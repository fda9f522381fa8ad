package org.timetracker.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timetracker.auth.PasswordHasher;

/**
 * Loads 1,000,000 entries for 100 users into a real PostgreSQL, starts the packaged WAR on Payara
 * Micro and measures it with wrk over loopback: the week listing and the one-year summary at 10
 * clients, timer starts at 10 and 50 clients. Run it with bin/bench-api.sh; it is not a test.
 */
public final class ApiBenchmark {
  private static final int USERS = 100;
  private static final int ENTRIES_PER_USER = 10_000;
  private static final int APP_PORT = 28_181;
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private final Path work;
  private final Duration warmUp;
  private final Duration measure;
  private final List<String> table = new ArrayList<>();
  private long appPid;

  private ApiBenchmark(Path work, Duration warmUp, Duration measure) {
    this.work = work;
    this.warmUp = warmUp;
    this.measure = measure;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("timetracker-bench");
    Duration warmUp = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "30")));
    Duration measure =
        Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "30")));
    new ApiBenchmark(work, warmUp, measure).run();
  }

  private void run() throws Exception {
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            // Durable commits, as in production: timer starts wait for the disk.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start()) {
      createDatabase(postgres);
      long loaded = System.nanoTime();
      load(postgres);
      log(
          "loaded %,d entries for %d users in %d s",
          USERS * ENTRIES_PER_USER, USERS, (System.nanoTime() - loaded) / 1_000_000_000);
      Process app = startApplication(postgres.getPort());
      appPid = app.pid();
      // Also when the benchmark itself is interrupted, the application must not outlive it.
      Runtime.getRuntime().addShutdownHook(new Thread(app::destroy));
      try {
        awaitReady();
        if (Boolean.getBoolean("bench.hold")) {
          log("holding: the application answers on 127.0.0.1:%d until this process ends", APP_PORT);
          Thread.sleep(Long.MAX_VALUE);
        }
        measureAll();
      } finally {
        app.destroy();
        app.waitFor();
      }
    }
    System.out.println();
    System.out.println(
        "| request | clients | requests/s | p50 | p99 | app CPU per request | rate on 2 cores |");
    System.out.println("|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create role timetracker login password 'bench-password-123'");
      s.execute("create database timetracker owner timetracker");
    }
  }

  /** The schema comes from the application's own migrations; the rows from generate_series. */
  private void load(EmbeddedPostgres postgres) throws Exception {
    org.flywaydb.core.Flyway.configure()
        .dataSource(postgres.getDatabase("timetracker", "timetracker"))
        .locations("classpath:db/migration")
        .load()
        .migrate();
    String hash = new PasswordHasher(PasswordHasher.MIN_ITERATIONS).hash("bench password 1");
    try (Connection c = postgres.getDatabase("timetracker", "timetracker").getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into users (email, name, time_zone, currency, role, password_hash)"
              + " select 'bench-' || i || '@bench.test', 'Bench ' || i, '"
              + ZONE.getId()
              + "', 'EUR', 'member', '"
              + hash
              + "' from generate_series(1, "
              + USERS
              + ") i");
      s.execute(
          "insert into api_tokens (user_id, name, token_hash, created_at)"
              + " select id, 'bench', sha256(convert_to('tt_bench_' || id, 'UTF8')), now()"
              + " from users where email like 'bench-%'");
      s.execute(
          "insert into projects (user_id, name, client, color, hourly_rate, billable)"
              + " select u.id, 'Project ' || p, 'Client ' || p, '#3b82f6', 40 + p * 10, p <> 5"
              + " from users u, generate_series(1, 5) p where u.email like 'bench-%'");
      // Fourteen entries of 35 minutes a day, every day, ending today. A bulk load sums the day
      // totals once at the end instead of in a trigger for every row.
      s.execute("alter table entries disable trigger user");
      s.execute(
          "with pr as (select id, user_id, row_number() over (partition by user_id order by id)"
              + " - 1 as k from projects),"
              + " gen as (select u.id as user_id, n from users u"
              + " cross join generate_series(0, "
              + (ENTRIES_PER_USER - 1)
              + ") n"
              + " where u.email like 'bench-%'),"
              + " timed as (select g.*, date_trunc('day', now()) - interval '1 day' * ("
              + (ENTRIES_PER_USER / 14)
              + " - g.n / 14) + interval '7 hours'"
              + " + (g.n % 14) * interval '40 minutes' as started from gen g)"
              + " insert into entries (user_id, project_id, description, tags, billable,"
              + " start_at, end_at)"
              + " select t.user_id, pr.id, 'Work item ' || t.n,"
              + " case t.n % 3 when 0 then array['meeting'] when 1 then array['dev', 'review']"
              + " else '{}'::text[] end, t.n % 4 <> 0, t.started,"
              + " t.started + interval '35 minutes'"
              + " from timed t join pr on pr.user_id = t.user_id and pr.k = t.n % 5");
      s.execute("alter table entries enable trigger user");
      s.execute("select entry_day_totals_rebuild(id) from users");
    }
    vacuum(postgres);
  }

  /**
   * Does what autovacuum would have done by now in production: statistics, and the visibility map
   * that lets reports sum from the index alone. A vacuum right after the load sometimes leaves the
   * map empty (reports then read every row from the table, several times slower), so it is repeated
   * until the map covers the table.
   */
  private static void vacuum(EmbeddedPostgres postgres) throws Exception {
    try (Connection c = postgres.getDatabase("timetracker", "timetracker").getConnection();
        Statement s = c.createStatement()) {
      for (int attempt = 1; ; attempt++) {
        s.execute("vacuum analyze entries");
        double visible;
        try (var result =
            s.executeQuery(
                "select relallvisible::float / greatest(relpages, 1) from pg_class"
                    + " where relname = 'entries'")) {
          result.next();
          visible = result.getDouble(1);
        }
        if (visible >= 0.99) {
          s.execute("vacuum analyze");
          return;
        }
        if (attempt == 30) {
          throw new IllegalStateException(
              "vacuum left %.0f%% of entries' pages all-visible".formatted(visible * 100));
        }
        Thread.sleep(1_000);
      }
    }
  }

  private Process startApplication(int dbPort) throws IOException {
    // Another application on the port (say, a benchmark left holding) would be measured instead.
    try (var probe =
        new java.net.ServerSocket(APP_PORT, 1, java.net.InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (java.net.BindException e) {
      throw new IllegalStateException(
          "port " + APP_PORT + " is in use: stop what listens there (ss -ltnp) and run again");
    }
    Path secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(
        secrets.resolve("db.url"), "jdbc:postgresql://127.0.0.1:" + dbPort + "/timetracker");
    Files.writeString(secrets.resolve("db.user"), "timetracker");
    Files.writeString(secrets.resolve("db.password"), "bench-password-123");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms256m");
    command.add("-Xmx" + System.getProperty("bench.heap", "512m"));
    // Extra JVM options for the application, e.g. a flight recording: -Dbench.jvm="-XX:..."
    String extra = System.getProperty("bench.jvm", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            System.getProperty("timetracker.war"),
            "--port",
            String.valueOf(APP_PORT),
            "--nocluster",
            "--nohazelcast"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("payara.log").toFile());
    builder.environment().put("SECRETS_DIR", secrets.toString());
    log("starting Payara Micro on 127.0.0.1:%d (log: %s)", APP_PORT, work.resolve("payara.log"));
    return builder.start();
  }

  private static void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + APP_PORT + "/health/ready");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var answer = http.send(HttpRequest.newBuilder(ready).build(), BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("database")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Payara Micro did not become ready within 3 minutes");
  }

  private void measureAll() throws Exception {
    LocalDate today = LocalDate.now(ZONE);
    // Last week, the latest full one: 98 entries for every user.
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusDays(7);
    String week = "/api/entries?from=" + monday + "&to=" + monday.plusDays(6);
    String year =
        "/api/reports/summary?from=" + today.minusDays(364) + "&to=" + today + "&groupBy=day";

    wrk("GET", week, 10, warmUp, null);
    row("GET /api/entries, one week", wrk("GET", week, 10, measure, null));
    wrk("GET", year, 10, warmUp, null);
    row("GET /api/reports/summary, one year by day", wrk("GET", year, 10, measure, null));
    wrk("POST", "/api/timer/start", 10, warmUp, "{\"description\":\"bench\"}");
    row(
        "POST /api/timer/start",
        wrk("POST", "/api/timer/start", 10, measure, "{\"description\":\"bench\"}"));
    row(
        "POST /api/timer/start",
        wrk("POST", "/api/timer/start", 50, measure, "{\"description\":\"bench\"}"));
    row("GET /api/entries, one week", wrk("GET", week, 50, measure, null));
  }

  /**
   * What wrk measured for one scenario, and the CPU time the application spent on it. CPU time per
   * request does not depend on what else the machine runs; the rate it allows on two cores is what
   * a machine to itself would reach at best.
   */
  private record Result(
      int clients, double requestsPerSecond, String p50, String p99, double cpuMillisPerRequest) {}

  private Result wrk(String method, String path, int clients, Duration time, String body)
      throws Exception {
    Path script = work.resolve("bench.lua");
    Files.writeString(script, luaScript(method, path, body));
    long cpuBefore = appCpuMillis();
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t",
                "2",
                "-c",
                String.valueOf(clients),
                "-d",
                time.toSeconds() + "s",
                "--latency",
                "-s",
                script.toString(),
                "http://127.0.0.1:" + APP_PORT)
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes());
    if (wrk.waitFor() != 0 || output.contains("Non-2xx")) {
      throw new IllegalStateException("wrk failed or saw errors:\n" + output);
    }
    long cpu = appCpuMillis() - cpuBefore;
    double requests = number(output, "([0-9]+) requests in");
    return new Result(
        clients,
        number(output, "Requests/sec:\\s+([0-9.]+)"),
        text(output, "\\s50%\\s+(\\S+)"),
        text(output, "\\s99%\\s+(\\S+)"),
        cpu / requests);
  }

  /** Each request signs in with the token of a random one of the hundred users. */
  private static String luaScript(String method, String path, String body) {
    return """
        math.randomseed(os.time())
        local first = %d
        wrk.method = "%s"
        %s
        request = function()
          local id = first + math.random(0, %d)
          return wrk.format(nil, "%s", {
            ["Authorization"] = "Bearer tt_bench_" .. id,
            ["Content-Type"] = "application/json"})
        end
        """
        .formatted(1, method, body == null ? "" : "wrk.body = '" + body + "'", USERS - 1, path);
  }

  private void row(String name, Result r) {
    String line =
        "| %s | %d | %,.0f | %s | %s | %.2f ms | %,.0f/s |"
            .formatted(
                name,
                r.clients(),
                r.requestsPerSecond(),
                r.p50(),
                r.p99(),
                r.cpuMillisPerRequest(),
                2000 / r.cpuMillisPerRequest());
    log("%s", line);
    table.add(line);
  }

  /** User and system CPU time of the application process so far, from /proc. */
  private long appCpuMillis() throws IOException {
    String[] stat = Files.readString(Path.of("/proc", String.valueOf(appPid), "stat")).split(" ");
    long ticks = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    return ticks * 1000 / 100;
  }

  private static double number(String text, String regex) {
    return Double.parseDouble(text(text, regex));
  }

  private static String text(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("No " + regex + " in wrk's output:\n" + text);
    }
    return m.group(1);
  }

  private static void log(String format, Object... args) {
    System.err.println("bench-api: " + format.formatted(args));
  }
}
