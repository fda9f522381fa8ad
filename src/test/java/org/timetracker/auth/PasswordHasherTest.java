package org.timetracker.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

  @Test
  void aHashNamesItsAlgorithmAndWorkFactorAndMatchesOnlyItsPassword() {
    String hash = hasher.hash("correct horse battery");

    assertTrue(hash.startsWith("pbkdf2-sha512$210000$"), hash);
    assertTrue(hasher.matches("correct horse battery", hash));
    assertFalse(hasher.matches("correct horse batterY", hash));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(hasher.hash("same password!"), hasher.hash("same password!"));
  }

  @Test
  void aHashWithFewerIterationsThanConfiguredNeedsARehash() {
    PasswordHasher stronger = new PasswordHasher(300_000);
    String old = hasher.hash("a password to keep");

    assertTrue(stronger.needsRehash(old));
    assertTrue(stronger.matches("a password to keep", old), "old hashes still verify");
    assertFalse(hasher.needsRehash(old));
    assertTrue(hasher.needsRehash("md5$whatever"));
  }

  @Test
  void fewerIterationsThanOwaspsMinimumAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(100_000));
  }
}
