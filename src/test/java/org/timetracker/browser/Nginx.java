package org.timetracker.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx on a loopback port with the project's configuration in {@code config/nginx},
 * serving {@code webapp-static/} and proxying {@code /api} to the application, as {@code
 * config/nginx/README.md} describes for host tests.
 */
final class Nginx implements AutoCloseable {
  private static final String BINARY = "/usr/sbin/nginx";
  private static final Duration STARTUP = Duration.ofSeconds(15);

  private final Process process;
  private final Path folder;
  private final int port;

  private Nginx(Process process, Path folder, int port) {
    this.process = process;
    this.folder = folder;
    this.port = port;
  }

  /** Starts nginx in front of the application on {@code appPort}; returns once it listens. */
  static Nginx start(Path repo, int appPort) throws IOException, InterruptedException {
    int port = freePort();
    Path folder = prepareFolder(repo, port, appPort);
    check(folder);

    Process process =
        new ProcessBuilder(command(folder, "-g", "daemon off;"))
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("nginx.log").toFile())
            .start();
    Nginx nginx = new Nginx(process, folder, port);
    nginx.awaitListening();
    return nginx;
  }

  /** The address of the web UI, for example {@code http://127.0.0.1:40123}. */
  String origin() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    // The log stays for a look after a failure; the links into the checkout go, so that no tool
    // cleaning target/ can follow them into config/nginx.
    Files.deleteIfExists(folder.resolve("nginx.conf"));
    Files.deleteIfExists(folder.resolve("timetracker"));
  }

  // Everything nginx reads or writes besides the checkout goes into one fresh folder. Its
  // workers run as nobody when the test runs as root, so they must be able to enter it.
  private static Path prepareFolder(Path repo, int port, int appPort) throws IOException {
    Path target = Files.createDirectories(repo.resolve("target"));
    var everyoneMayEnter =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    Path folder = Files.createTempDirectory(target, "nginx-", everyoneMayEnter);
    Files.createDirectory(folder.resolve("run"));
    Files.createSymbolicLink(folder.resolve("timetracker"), repo.resolve("config/nginx"));
    Files.createSymbolicLink(folder.resolve("nginx.conf"), repo.resolve("config/nginx/nginx.conf"));
    Files.writeString(
        folder.resolve("local.conf"),
        """
        listen 127.0.0.1:%d;
        root %s;
        set $timetracker_app 127.0.0.1:%d;
        access_log off;
        """
            .formatted(port, repo.resolve("webapp-static").toAbsolutePath(), appPort));
    return folder;
  }

  private static void check(Path folder) throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder(command(folder, "-t", "-q")).redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    if (check.waitFor() != 0) {
      throw new IllegalStateException("nginx -t refused the configuration:\n" + output);
    }
  }

  private static List<String> command(Path folder, String... extra) {
    var command = new ArrayList<String>();
    command.addAll(List.of(BINARY, "-p", folder + "/", "-e", "stderr"));
    command.addAll(List.of("-c", folder.resolve("nginx.conf").toString()));
    command.addAll(List.of(extra));
    return command;
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nginx stopped at startup:\n" + Files.readString(folder.resolve("nginx.log")));
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on port " + port + " within " + STARTUP);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
