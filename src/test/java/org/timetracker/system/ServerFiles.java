package org.timetracker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What a server keeps beside the checkout, in a folder of its own: the secrets directory, which
 * bin/init-secrets.sh fills as on a real server (Server runs it), and a self-signed certificate for
 * 127.0.0.1.
 */
final class ServerFiles {
  final Path home;
  final Path secrets;
  final Path tls;

  private ServerFiles(Path home) {
    this.home = home;
    this.secrets = home.resolve("secrets");
    this.tls = home.resolve("tls");
  }

  static ServerFiles create(Path home) throws IOException {
    var files = new ServerFiles(home);
    files.writeCertificate();
    return files;
  }

  /** The value of a secret file as it is now: a rotation changes it. */
  String secret(String name) {
    try {
      return Files.readString(secrets.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** TLS settings that trust this server's certificate and no other. */
  SSLContext trustingContext() {
    return SelfSignedCertificate.trustingContext(tls);
  }

  private void writeCertificate() throws IOException {
    Files.createDirectories(tls);
    Files.createDirectories(home.resolve("acme"));
    run("chmod", "0755", home.toString(), tls.toString(), home.resolve("acme").toString());
    SelfSignedCertificate.create(tls);
  }

  private void run(String... args) {
    Command.run(home, Map.of(), Duration.ofMinutes(1), args).orFail();
  }
}
