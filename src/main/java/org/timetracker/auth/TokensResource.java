package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.List;
import org.timetracker.platform.errors.ApiException;

/** The signed-in user's personal API tokens. */
@Path("me/tokens")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {
  private static final int MAX_TOKENS = 50;

  @Inject CurrentUser currentUser;
  @Inject ApiTokens tokens;

  public record NewToken(String name, Instant expiresAt) {}

  public record TokenView(
      long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    static TokenView of(ApiToken token) {
      return new TokenView(
          token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
    }
  }

  /** Only in the answer to its creation: the token itself. */
  public record CreatedTokenView(
      long id,
      String name,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      String token) {}

  @GET
  public List<TokenView> list() {
    return tokens.of(currentUser.id()).stream().map(TokenView::of).toList();
  }

  @POST
  public Response create(NewToken request) {
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("Give the token a name of 1 to 100 characters on one line.");
    }
    if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
      throw ApiException.invalid("The expiry must lie in the future.");
    }
    if (tokens.of(currentUser.id()).size() >= MAX_TOKENS) {
      throw ApiException.conflict("You have " + MAX_TOKENS + " tokens; revoke one first.");
    }

    ApiTokens.Created created = tokens.create(currentUser.id(), name, request.expiresAt());
    SecurityLog.tokenCreated(currentUser.get().email(), created.stored().id(), name);
    ApiToken t = created.stored();
    return Response.status(Status.CREATED)
        .entity(
            new CreatedTokenView(
                t.id(), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), created.token()))
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") long id) {
    String name =
        tokens.revoke(currentUser.id(), id).orElseThrow(() -> ApiException.notFound("The token"));
    SecurityLog.tokenRevoked(currentUser.get().email(), id, name);
    return Response.noContent().build();
  }
}
