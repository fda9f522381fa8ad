package org.timetracker.system;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A server as docs/deploy-hetzner.md sets one up, on this machine: a checkout with tagged versions
 * (ServerCheckout), a certificate and the secrets that bin/init-secrets.sh makes beside it
 * (ServerFiles) and a settings file, under a project name, subnet, image tag and loopback ports of
 * its own. The tests drive it with the operator's scripts, exactly as an operator would. It is made
 * once per test run and removed with its containers, data and images at the end.
 */
final class Server implements ExtensionContext.Store.CloseableResource {
  static final String PROJECT = "timetracker-release";
  static final String ADMIN_EMAIL = "admin@release.test";
  static final String LIVE_TAG = "live-release-test";

  private static final System.Logger LOG = System.getLogger(Server.class.getName());
  private static final List<String> SERVICES = List.of("web", "app", "db");

  final Path work;
  final ServerCheckout checkout;
  final ServerFiles files;
  final Path settings;
  final Path backups;
  final int httpsPort;

  /** Injects the shared server into test constructors. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(Server.class, key -> create(), Server.class);
    }
  }

  private Server(Path work, ServerCheckout checkout, ServerFiles files, int httpsPort)
      throws IOException {
    this.work = work;
    this.checkout = checkout;
    this.files = files;
    this.httpsPort = httpsPort;
    this.backups = files.home.resolve("backups");
    this.settings = files.home.resolve("timetracker.conf");
    Files.writeString(settings, settingsText(freePort()));
  }

  private static Server create() {
    try {
      Path repository = Path.of(System.getProperty("timetracker.root", ".")).toAbsolutePath();
      Path work = Files.createTempDirectory("timetracker-server");
      var checkout = ServerCheckout.create(repository, work.resolve("checkout"));
      var files = ServerFiles.create(work.resolve("home"));
      var server = new Server(work, checkout, files, freePort());
      server.script(Duration.ofMinutes(1), "init-secrets.sh").orFail();
      server.compose(Duration.ofMinutes(2), "down", "--volumes", "--remove-orphans");
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not set up the test server", e);
    }
  }

  private String settingsText(int httpPort) {
    return String.join(
        "\n",
        "# Written by the release tests.",
        "COMPOSE_PROJECT_NAME=" + PROJECT,
        "TT_HOME=" + files.home,
        "TT_SECRETS_DIR=" + files.secrets,
        "TT_TLS_DIR=" + files.tls,
        "TT_ACME_DIR=" + files.home.resolve("acme"),
        "TT_STATE_DIR=" + files.home.resolve("state"),
        "TT_BACKUP_DIR=" + backups,
        "TT_ADMIN_EMAIL=" + ADMIN_EMAIL,
        "TT_BIND=127.0.0.1",
        "TT_HTTP_PORT=" + httpPort,
        "TT_HTTPS_PORT=" + httpsPort,
        // Apart from the defaults and from the other system tests' stack.
        "TT_SUBNET=10.217.21.0/24",
        "TT_VERSION=" + LIVE_TAG,
        "");
  }

  /** Runs one of the operator's scripts of the checkout, e.g. script(limit, "release.sh", "v1"). */
  Command.Result script(Duration limit, Map<String, String> environment, String... args) {
    var all = new HashMap<>(environment);
    all.put("TT_CONFIG", settings.toString());
    var command = args.clone();
    command[0] = checkout.directory.resolve("bin").resolve(args[0]).toString();
    Command.Result result = Command.run(checkout.directory, all, limit, command);
    LOG.log(
        Level.INFO,
        "{0} exited with {1}:\n{2}",
        String.join(" ", args),
        result.exitCode(),
        result.output());
    return result;
  }

  Command.Result script(Duration limit, String... args) {
    return script(limit, Map.of(), args);
  }

  /** docker compose for this server's stack, with its settings. */
  Command.Result compose(Duration limit, String... args) {
    return compose(List.of("docker", "compose"), limit, args);
  }

  /** Compose through PROGRAM: docker compose, or the standalone docker-compose. */
  Command.Result compose(List<String> program, Duration limit, String... args) {
    String[] command =
        Stream.of(
                program.stream(),
                Stream.of("--project-name", PROJECT, "--env-file", settings.toString()),
                Stream.of("--file", "compose/prod.yml"),
                Stream.of(args))
            .flatMap(s -> s)
            .toArray(String[]::new);
    return Command.run(checkout.directory, Map.of(), limit, command);
  }

  /** One SQL statement as PostgreSQL's superuser in the database; rows as lines, "|" between. */
  String sql(String statement) {
    return compose(
            Duration.ofMinutes(1),
            "exec",
            "-T",
            "db",
            "psql",
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--set",
            "ON_ERROR_STOP=1",
            "--username",
            "postgres",
            "--dbname",
            "timetracker",
            "--command",
            statement)
        .orFail()
        .output()
        .strip();
  }

  /** The id of the image a running container of SERVICE was made from. */
  List<String> runningImages(String service) {
    return docker(
            "ps",
            "--filter",
            "label=com.docker.compose.project=" + PROJECT,
            "--filter",
            "label=com.docker.compose.service=" + service,
            "--format",
            "{{.ID}}")
        .lines()
        .map(id -> docker("inspect", "--format", "{{.Image}}", id).strip())
        .toList();
  }

  /** The id of an image, e.g. imageId("app", "v1-1a2b3c4d"). */
  String imageId(String service, String tag) {
    return docker("image", "inspect", "--format", "{{.Id}}", "timetracker-" + service + ":" + tag)
        .strip();
  }

  /** The health of each running container of the stack, as "name: status" lines. */
  String health() {
    return docker(
        "ps",
        "--filter",
        "label=com.docker.compose.project=" + PROJECT,
        "--format",
        "{{.Names}}: {{.Status}}");
  }

  /** True when one container of each service runs and reports healthy. */
  boolean healthy() {
    List<String> lines = health().lines().toList();
    return SERVICES.stream()
        .allMatch(
            service ->
                lines.stream().filter(line -> line.contains("-" + service + "-")).count() == 1
                    && lines.stream()
                        .filter(line -> line.contains("-" + service + "-"))
                        .allMatch(line -> line.contains("(healthy)")));
  }

  /** The release history, as the scripts keep it. */
  String history() {
    try {
      return Files.readString(files.home.resolve("state/history"));
    } catch (IOException e) {
      return "";
    }
  }

  /** Releases v1 unless a version runs already; for tests that need any running version. */
  void ensureRunning() {
    if (!healthy()) {
      script(Duration.ofMinutes(30), "release.sh", ServerCheckout.V1).orFail();
    }
  }

  URI https(String path) {
    return URI.create("https://127.0.0.1:" + httpsPort + path);
  }

  /** An HTTP client that trusts this server's certificate and no other. */
  HttpClient http() {
    return HttpClient.newBuilder()
        .sslContext(files.trustingContext())
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  String docker(String... args) {
    String[] command = Stream.concat(Stream.of("docker"), Stream.of(args)).toArray(String[]::new);
    return Command.run(work, Map.of(), Duration.ofMinutes(2), command).orFail().output();
  }

  @Override
  public void close() throws IOException {
    Path report =
        Path.of(System.getProperty("timetracker.root", "."))
            .resolve("target/failsafe-reports/release-server.log");
    Files.createDirectories(report.getParent());
    Files.writeString(
        report, compose(Duration.ofMinutes(1), "logs", "--no-color", "--timestamps").output());
    compose(Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans");
    removeImages();
    try (Stream<Path> paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private void removeImages() {
    for (String tag : List.of(ServerCheckout.V1, ServerCheckout.V2, ServerCheckout.V3)) {
      for (String service : SERVICES) {
        String image = "timetracker-" + service + ":" + checkout.version(tag);
        Command.run(work, Map.of(), Duration.ofMinutes(1), "docker", "image", "rm", image);
      }
    }
    for (String service : SERVICES) {
      String image = "timetracker-" + service + ":" + LIVE_TAG;
      Command.run(work, Map.of(), Duration.ofMinutes(1), "docker", "image", "rm", image);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
