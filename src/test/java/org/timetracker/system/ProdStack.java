package org.timetracker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The production stack of compose/prod.yml, built and started once for all system tests: on
 * loopback ports, under its own project name, with secrets made by bin/init-secrets.sh, as on a
 * server, and a self-signed certificate made for this run. It is removed with its data when the
 * test run ends.
 */
final class ProdStack implements AutoCloseable {
  static final String PROJECT = "timetracker-system";
  static final String ADMIN_EMAIL = "admin@timetracker.test";
  static final List<String> SERVICES = List.of("web", "app", "db");

  private static final System.Logger LOG = System.getLogger(ProdStack.class.getName());
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(25);
  private static final Duration START_LIMIT = Duration.ofMinutes(5);

  final Path repository;
  final Path work;
  final int httpPort;
  final int httpsPort;

  /** Secret file name to value, as bin/init-secrets.sh made them; db.user is no secret. */
  final Map<String, String> secrets;

  private final Map<String, String> environment;
  private SSLContext tls;

  /** Injects the shared stack into test constructors and lifecycle methods. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == ProdStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(ProdStack.class, key -> start(), ProdStack.class);
    }
  }

  private ProdStack(
      Path repository, Path work, int httpPort, int httpsPort, Map<String, String> secrets) {
    this.repository = repository;
    this.work = work;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.secrets = secrets;
    this.environment =
        Map.of(
            "TT_SECRETS_DIR", work.resolve("secrets").toString(),
            "TT_TLS_DIR", work.resolve("tls").toString(),
            "TT_ACME_DIR", work.resolve("acme").toString(),
            "TT_BIND", "127.0.0.1",
            "TT_HTTP_PORT", Integer.toString(httpPort),
            "TT_HTTPS_PORT", Integer.toString(httpsPort),
            // Apart from the default, so that a stack of the developer's own does not collide.
            "TT_SUBNET", "10.217.9.0/24",
            "TT_ADMIN_EMAIL", ADMIN_EMAIL);
  }

  private static ProdStack start() {
    requireRoot();
    try {
      Path repository = Path.of(System.getProperty("timetracker.root", ".")).toAbsolutePath();
      Path work = Files.createTempDirectory("timetracker-system");
      Map<String, String> secrets = initSecrets(repository, work);
      var stack = new ProdStack(repository, work, freePort(), freePort(), secrets);
      stack.writeCertificate();

      stack.compose(Duration.ofMinutes(2), "down", "--volumes", "--remove-orphans").orFail();
      stack.timed("built the images", () -> stack.compose(BUILD_LIMIT, "build").orFail());
      stack.timed("started the stack", stack::up);
      return stack;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (or recreates) what is not running and waits until every service is healthy. */
  void up() {
    compose(
            START_LIMIT.plusSeconds(30),
            "up",
            "--detach",
            "--wait",
            "--wait-timeout",
            Long.toString(START_LIMIT.toSeconds()))
        .orFail();
  }

  /** Runs docker compose for this stack's project with its settings. */
  Command.Result compose(Duration limit, String... args) {
    return compose(List.of("docker", "compose"), limit, args);
  }

  /** The same with another Compose command, such as the standalone docker-compose. */
  Command.Result compose(List<String> program, Duration limit, String... args) {
    var command =
        Stream.of(
                program.stream(),
                Stream.of("-p", PROJECT, "-f", "compose/prod.yml"),
                Stream.of(args))
            .flatMap(part -> part)
            .toArray(String[]::new);
    return Command.run(repository, environment, limit, command);
  }

  /** Runs a docker command that takes at most two minutes. */
  Command.Result docker(String... args) {
    var command = Stream.concat(Stream.of("docker"), Stream.of(args)).toArray(String[]::new);
    return Command.run(repository, Map.of(), Duration.ofMinutes(2), command);
  }

  /** The id of the service's (first) container. */
  String container(String service) {
    String ids = compose(Duration.ofSeconds(30), "ps", "--quiet", service).orFail().output();
    return ids.lines().findFirst().orElseThrow(() -> new AssertionError("no " + service));
  }

  /** One field of `docker inspect`, as a Go template such as {{.State.Health.Status}}. */
  String inspect(String container, String template) {
    return docker("inspect", "--format", template, container).orFail().output().strip();
  }

  /** Waits until the service's container reports healthy, failing after the limit. */
  void awaitHealthy(String service, Duration limit) {
    Instant end = Instant.now().plus(limit);
    String status = "";
    while (Instant.now().isBefore(end)) {
      Command.Result result =
          docker("inspect", "--format", "{{.State.Health.Status}}", container(service));
      status = result.output().strip();
      if (result.ok() && status.equals("healthy")) {
        return;
      }
      pause(Duration.ofMillis(500));
    }
    throw new AssertionError(service + " not healthy after " + limit + " (last: " + status + ")");
  }

  URI https(String path) {
    return URI.create("https://127.0.0.1:" + httpsPort + path);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** GET without cookies; headers as name, value, name, value... */
  HttpResponse<String> get(URI uri, String... headers) {
    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A client without cookies that trusts this stack's certificate and no other. */
  HttpClient http() {
    return client().build();
  }

  /** A client builder set up for this stack: its certificate trusted, no redirects followed. */
  HttpClient.Builder client() {
    return HttpClient.newBuilder()
        .sslContext(tls())
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /** A client for a fresh session (its own cookies) through this stack's nginx. */
  Api newSession() {
    return new Api(this);
  }

  @Override
  public void close() throws IOException {
    Path report = repository.resolve("target/failsafe-reports/prod-stack.log");
    Files.createDirectories(report.getParent());
    Files.writeString(
        report, compose(Duration.ofMinutes(1), "logs", "--no-color", "--timestamps").output());
    compose(Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans");
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(ProdStack::deleteQuietly);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes the secrets in WORK/secrets as an operator does, with bin/init-secrets.sh and a settings
   * file that points it there, and returns their values.
   */
  private static Map<String, String> initSecrets(Path repository, Path work) throws IOException {
    Path settings = work.resolve("timetracker.conf");
    Files.writeString(
        settings,
        String.join(
            "\n",
            "# Written by the system tests.",
            "TT_HOME=" + work,
            "TT_SECRETS_DIR=" + work.resolve("secrets"),
            "TT_STATE_DIR=" + work.resolve("state"),
            ""));
    Command.run(
            repository,
            Map.of("TT_CONFIG", settings.toString()),
            Duration.ofMinutes(1),
            "bin/init-secrets.sh")
        .orFail();
    return readSecrets(work.resolve("secrets"));
  }

  /** The value of every secret file in DIRECTORY but db.user, which names a role. */
  static Map<String, String> readSecrets(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> Files.isRegularFile(file) && !file.endsWith("db.user"))
          .collect(Collectors.toMap(file -> file.getFileName().toString(), ProdStack::read));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeCertificate() throws IOException {
    Path tls = Files.createDirectories(work.resolve("tls"));
    Path acme = Files.createDirectories(work.resolve("acme"));
    for (Path directory : List.of(work, tls, acme)) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    SelfSignedCertificate.create(tls);
  }

  /** TLS settings that trust this stack's certificate and no other. */
  synchronized SSLContext tls() {
    if (tls == null) {
      tls = trustingContext();
    }
    return tls;
  }

  /** Trust managers that accept this stack's certificate and no other. */
  TrustManager[] trustManagers() {
    try {
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(SelfSignedCertificate.trustStore(work.resolve("tls")));
      return trust.getTrustManagers();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private SSLContext trustingContext() {
    try {
      var context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void timed(String what, Runnable step) {
    Instant started = Instant.now();
    step.run();
    LOG.log(Level.INFO, "{0} in {1} s", what, Duration.between(started, Instant.now()).toSeconds());
  }

  private static void requireRoot() {
    String uid = Command.run(Path.of("."), Map.of(), Duration.ofSeconds(10), "id", "-u").output();
    if (!uid.strip().equals("0")) {
      throw new IllegalStateException(
          "the system tests give secret files to the containers' users and need root;"
              + " run bin/test.sh as root");
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete " + path, e);
    }
  }
}
