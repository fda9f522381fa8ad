package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PBKDF2-HMAC-SHA512 password hashes. A stored hash names its algorithm and iteration count ({@code
 * pbkdf2-sha512$210000$salt$hash}), so the count can be raised later and older hashes are upgraded
 * at the next sign-in.
 */
@ApplicationScoped
public class PasswordHasher {
  /** OWASP's minimum for PBKDF2-HMAC-SHA512 (Password Storage Cheat Sheet, 2023). */
  public static final int MIN_ITERATIONS = 210_000;

  private static final String ALGORITHM = "pbkdf2-sha512";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final String decoy;

  @Inject
  public PasswordHasher(@ConfigProperty(name = "password.pbkdf2-iterations") int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "password.pbkdf2-iterations must be at least " + MIN_ITERATIONS);
    }
    this.iterations = iterations;
    this.decoy = hash("a password no account has " + RANDOM.nextLong());
  }

  /** For CDI's proxy. */
  protected PasswordHasher() {
    this.iterations = MIN_ITERATIONS;
    this.decoy = null;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ALGORITHM
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  public boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the same time as checking a real password, for sign-ins with an unknown email. */
  public void matchDecoy(String password) {
    matches(password, decoy);
  }

  /** True when the hash was made with weaker settings than today's. */
  public boolean needsRehash(String stored) {
    String[] parts = stored.split("\\$");
    return parts.length != 4
        || !parts[0].equals(ALGORITHM)
        || Integer.parseInt(parts[1]) < iterations;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }
}
