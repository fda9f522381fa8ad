package org.timetracker.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.timetracker.platform.errors.ApiError;

/**
 * Every request but the few {@link Public} ones needs a live session cookie or a bearer token.
 * Cookie requests that change state must also echo the session's CSRF token in a header: a
 * cross-site page can make the browser send the cookie, but cannot read the token.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String BEARER = "Bearer ";

  @Context ResourceInfo resource;
  @Inject Sessions sessions;
  @Inject ApiTokens tokens;
  @Inject CurrentUser currentUser;

  @Override
  public void filter(ContainerRequestContext request) {
    if (resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(Public.class)) {
      return;
    }

    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<SignedIn> signedIn =
        authorization != null ? byToken(authorization) : bySession(request);
    if (signedIn.isEmpty()) {
      request.abortWith(notSignedIn(authorization != null));
      return;
    }
    if (signedIn.get().bySession() && !csrfHeaderMatches(request, signedIn.get())) {
      request.abortWith(
          new ApiError(
                  "csrf_failed",
                  "This request lacks the " + CSRF_HEADER + " header of your session.")
              .toResponse(Status.FORBIDDEN));
      return;
    }
    currentUser.set(signedIn.get());
  }

  private Optional<SignedIn> byToken(String authorization) {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (!token.startsWith(Tokens.API_TOKEN_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    return tokens.authenticate(token);
  }

  private Optional<SignedIn> bySession(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(SessionCookie.NAME);
    if (cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 100) {
      return Optional.empty();
    }
    return sessions.authenticate(cookie.getValue());
  }

  private static boolean csrfHeaderMatches(ContainerRequestContext request, SignedIn signedIn) {
    return SAFE_METHODS.contains(request.getMethod())
        || Tokens.sameSecret(request.getHeaderString(CSRF_HEADER), signedIn.csrfToken());
  }

  private static Response notSignedIn(boolean withToken) {
    Response response =
        new ApiError(
                "not_signed_in",
                withToken
                    ? "The API token is unknown, revoked or expired."
                    : "Please sign in; your session has ended or never began.")
            .toResponse(Status.UNAUTHORIZED);
    return withToken
        ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build()
        : response;
  }
}
