package org.timetracker.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What a server keeps beside the checkout, made for a test in a folder of its own: the secret files
 * (random, owned by the containers' users as docs/containers.md says), the backup key, and a
 * self-signed certificate for 127.0.0.1.
 */
final class ServerFiles {
  /** Secret file name to owner (uid:gid) and mode. */
  private static final Map<String, String[]> SECRETS =
      Map.of(
          "postgres.password", new String[] {"10003:10003", "0400"},
          "db.password", new String[] {"10002:10003", "0440"},
          "admin.password", new String[] {"10002:10002", "0400"},
          "backup.key", new String[] {"0:0", "0400"});

  final Path home;
  final Path secrets;
  final Path tls;
  private final Map<String, String> values = new LinkedHashMap<>();

  private ServerFiles(Path home) {
    this.home = home;
    this.secrets = home.resolve("secrets");
    this.tls = home.resolve("tls");
  }

  static ServerFiles create(Path home) throws IOException {
    var files = new ServerFiles(home);
    files.writeSecrets();
    files.writeCertificate();
    return files;
  }

  /** The value of a secret file. */
  String secret(String name) {
    return values.get(name);
  }

  /** TLS settings that trust this server's certificate and no other. */
  SSLContext trustingContext() {
    return SelfSignedCertificate.trustingContext(tls);
  }

  private void writeSecrets() throws IOException {
    Files.createDirectories(secrets);
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
    for (var secret : SECRETS.entrySet()) {
      Path file = secrets.resolve(secret.getKey());
      values.put(secret.getKey(), random());
      Files.writeString(file, values.get(secret.getKey()));
      run("chown", secret.getValue()[0], file.toString());
      run("chmod", secret.getValue()[1], file.toString());
    }
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

  private static String random() {
    var bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
