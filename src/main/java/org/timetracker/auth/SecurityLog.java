package org.timetracker.auth;

import java.lang.System.Logger.Level;

/**
 * Security events as single lines for the operator's log, each naming who and from where. Never a
 * password, token or cookie.
 */
public final class SecurityLog {
  private static final System.Logger LOG = System.getLogger(SecurityLog.class.getName());

  private SecurityLog() {}

  public static void loginSucceeded(String email, String address) {
    LOG.log(Level.INFO, "security: login ok for {0} from {1}", email, address);
  }

  public static void loginFailed(String email, String address) {
    LOG.log(Level.WARNING, "security: login failed for {0} from {1}", printable(email), address);
  }

  public static void loginThrottled(String email, String address, long seconds) {
    LOG.log(
        Level.WARNING,
        "security: login throttled for {0} from {1}, {2} s to wait",
        printable(email),
        address,
        seconds);
  }

  public static void logout(String email, String address) {
    LOG.log(Level.INFO, "security: logout of {0} from {1}", email, address);
  }

  public static void passwordChanged(String email, int sessionsEnded) {
    LOG.log(
        Level.INFO,
        "security: password changed by {0}, {1} other sessions ended",
        email,
        sessionsEnded);
  }

  public static void tokenCreated(String email, long tokenId, String name) {
    LOG.log(
        Level.INFO, "security: token {0} ({1}) created by {2}", tokenId, printable(name), email);
  }

  public static void tokenRevoked(String email, long tokenId, String name) {
    LOG.log(
        Level.INFO, "security: token {0} ({1}) revoked by {2}", tokenId, printable(name), email);
  }

  public static void userCreated(String admin, String email, String role) {
    LOG.log(Level.INFO, "security: user {0} created as {1} by {2}", email, role, admin);
  }

  public static void userChanged(String admin, String email, String what) {
    LOG.log(Level.INFO, "security: user {0} changed by {1}: {2}", email, admin, what);
  }

  public static void firstAdminCreated(String email) {
    LOG.log(Level.INFO, "security: first admin {0} created from configuration", email);
  }

  /** Whatever a caller typed stays on one line and short. */
  private static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
