package org.timetracker.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Opaque random secrets (session cookies, API tokens, CSRF tokens) and their stored hashes. */
public final class Tokens {
  /** The prefix marks our API tokens, so that secret scanners and people recognise them. */
  public static final String API_TOKEN_PREFIX = "tt_";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A digest per thread: looking one up costs more than hashing a token. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  private Tokens() {}

  /** 256 random bits, URL-safe. */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] sha256(String token) {
    return SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  public static boolean sameSecret(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
