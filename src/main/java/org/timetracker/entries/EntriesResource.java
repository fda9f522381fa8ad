package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.List;
import org.timetracker.auth.CurrentUser;
import org.timetracker.platform.web.DateRange;

/** The signed-in user's entries. */
@Path("entries")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EntriesResource {
  private static final int DEFAULT_PAGE_SIZE = 200;
  private static final int MAX_PAGE_SIZE = 500;
  private static final int MAX_DAYS = 3660;

  @Inject CurrentUser currentUser;
  @Inject Entries entries;

  /** One page of a listing. */
  public record PageView(List<EntryView> items, int page, int size, long total) {}

  @GET
  public PageView list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    DateRange range = DateRange.parse(from, to, MAX_DAYS);
    int pageNumber = DateRange.number("page", page, 0, 0, 100_000);
    int pageSize = DateRange.number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);

    Entries.Page found =
        entries.between(
            currentUser.id(),
            range.startIn(currentUser.zone()),
            range.endIn(currentUser.zone()),
            pageNumber,
            pageSize);
    return new PageView(found.items(), pageNumber, pageSize, found.total());
  }

  @POST
  public Response create(EntryInput input) {
    Entry created = entries.createManual(currentUser.id(), input);
    return Response.status(Status.CREATED).entity(EntryView.of(created, Instant.now())).build();
  }

  @PATCH
  @Path("{id}")
  public EntryView change(@PathParam("id") long id, JsonObject patch) {
    return EntryView.of(entries.change(currentUser.id(), id, patch), Instant.now());
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    entries.delete(currentUser.id(), id);
    return Response.noContent().build();
  }
}
