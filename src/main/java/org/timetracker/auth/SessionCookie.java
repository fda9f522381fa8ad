package org.timetracker.auth;

import java.time.Duration;

/** The Set-Cookie header for the session: opaque, HttpOnly, SameSite=Lax, Secure over HTTPS. */
public final class SessionCookie {
  public static final String NAME = "tt_session";

  private SessionCookie() {}

  public static String issue(String token, Duration lifetime, boolean https) {
    return NAME
        + "="
        + token
        + "; Path=/; Max-Age="
        + lifetime.toSeconds()
        + "; HttpOnly; SameSite=Lax"
        + (https ? "; Secure" : "");
  }

  public static String expire(boolean https) {
    return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
  }
}
