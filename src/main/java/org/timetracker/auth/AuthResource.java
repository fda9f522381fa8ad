package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.timetracker.platform.errors.ApiError;
import org.timetracker.platform.web.TrustedProxies;
import org.timetracker.users.Accounts;
import org.timetracker.users.User;
import org.timetracker.users.UserView;

/** Sign in and sign out. */
@Path("auth")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
  private static final String WRONG_CREDENTIALS = "The email or the password is wrong.";

  @Inject Accounts accounts;
  @Inject PasswordHasher hasher;
  @Inject LoginThrottle throttle;
  @Inject Sessions sessions;
  @Inject SessionSettings settings;
  @Inject TrustedProxies proxies;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest http;

  public record Credentials(
      @NotNull(message = "Enter your email address.")
          @Size(max = 320, message = "The email address is too long.")
          String email,
      @NotNull(message = "Enter your password.")
          @Size(max = 1024, message = "The password is too long.")
          String password) {}

  public record SignedInView(UserView user, String csrfToken) {}

  @POST
  @Path("login")
  @Public
  public Response login(@Valid Credentials credentials) {
    String email = credentials.email().strip().toLowerCase(Locale.ROOT);
    String address = proxies.clientAddress(http);

    Optional<Duration> wait = throttle.waitFor(email, address);
    if (wait.isPresent()) {
      return throttled(email, address, wait.get());
    }

    Optional<User> user = accounts.findByEmail(email);
    if (!passwordMatches(user, credentials.password())) {
      throttle.recordFailure(email, address);
      SecurityLog.loginFailed(email, address);
      return new ApiError("invalid_credentials", WRONG_CREDENTIALS).toResponse(Status.UNAUTHORIZED);
    }

    return signIn(user.get(), credentials.password(), address);
  }

  @POST
  @Path("logout")
  public Response logout() {
    SignedIn signedIn = currentUser.get();
    if (signedIn.bySession()) {
      sessions.end(signedIn.sessionId());
    }
    SecurityLog.logout(signedIn.email(), proxies.clientAddress(http));
    return Response.noContent()
        .header("Set-Cookie", SessionCookie.expire(proxies.isHttps(http)))
        .build();
  }

  /** Checks the password of an active account, or spends as long on a decoy when there is none. */
  private boolean passwordMatches(Optional<User> user, String password) {
    if (user.isEmpty()) {
      hasher.matchDecoy(password);
      return false;
    }
    return hasher.matches(password, user.get().passwordHash()) && user.get().active();
  }

  private Response signIn(User user, String password, String address) {
    throttle.forget(user.email(), address);
    if (hasher.needsRehash(user.passwordHash())) {
      accounts.replacePasswordHash(user.id(), hasher.hash(password));
    }
    Sessions.Opened opened = sessions.open(user.id(), address);
    SecurityLog.loginSucceeded(user.email(), address);

    String cookie =
        SessionCookie.issue(opened.token(), settings.absoluteTimeout(), proxies.isHttps(http));
    return Response.ok(new SignedInView(UserView.of(user), opened.session().csrfToken()))
        .header("Set-Cookie", cookie)
        .build();
  }

  private static Response throttled(String email, String address, Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    long minutes = (seconds + 59) / 60;
    SecurityLog.loginThrottled(email, address, seconds);
    return Response.status(Status.TOO_MANY_REQUESTS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", seconds)
        .entity(
            new Throttled(
                "too_many_attempts",
                "Too many failed sign-ins. Try again in "
                    + minutes
                    + (minutes == 1 ? " minute." : " minutes."),
                seconds))
        .build();
  }

  /** The 429 body: our error shape plus the seconds to wait. */
  public record Throttled(String error, String message, long retryAfterSeconds) {}
}
