package org.timetracker.auth;

import org.timetracker.platform.errors.ApiException;

/** The password policy, in one place for sign-up, reset and change. */
public final class Passwords {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;

  private Passwords() {}

  /** Refuses a new password outside the policy with a message that says what to do. */
  public static String acceptable(String password) {
    if (password == null) {
      throw ApiException.invalid("A password is required.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw ApiException.invalid("The password must have at least " + MIN_LENGTH + " characters.");
    }
    if (length > MAX_LENGTH) {
      throw ApiException.invalid("The password must have at most " + MAX_LENGTH + " characters.");
    }
    return password;
  }
}
