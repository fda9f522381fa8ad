package org.timetracker.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for localhost and 127.0.0.1 made for one test run, in the two files the web
 * container reads (fullchain.pem, privkey.pem), and TLS settings that trust it and no other.
 */
final class SelfSignedCertificate {
  private SelfSignedCertificate() {}

  /** Writes fullchain.pem and privkey.pem into FOLDER; the key belongs to the web user. */
  static void create(Path folder) {
    Path key = folder.resolve("privkey.pem");
    run(
        folder,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        folder.resolve("fullchain.pem").toString());
    run(folder, "chown", "10001", key.toString());
    run(folder, "chmod", "0400", key.toString());
  }

  /** A trust store that holds the certificate in FOLDER/fullchain.pem and nothing else. */
  static KeyStore trustStore(Path folder) throws IOException, GeneralSecurityException {
    try (InputStream pem = Files.newInputStream(folder.resolve("fullchain.pem"))) {
      var trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(
          "stack", CertificateFactory.getInstance("X.509").generateCertificate(pem));
      return trusted;
    }
  }

  /** TLS settings that trust the certificate in FOLDER and no other. */
  static SSLContext trustingContext(Path folder) {
    try {
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore(folder));
      var context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(Path folder, String... args) {
    Command.run(folder, Map.of(), Duration.ofMinutes(1), args).orFail();
  }
}
