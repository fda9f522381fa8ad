package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.List;
import org.timetracker.auth.CurrentUser;

/** Start, stop and look at the running timer. */
@Path("timer")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TimerResource {
  @Inject CurrentUser currentUser;
  @Inject Timer timer;

  /** What a timer start may say; the start is always now. */
  public record TimerStart(
      String description, Long projectId, List<String> tags, Boolean billable) {}

  @GET
  public Response running() {
    return timer
        .running(currentUser.id())
        .map(entry -> Response.ok(EntryView.of(entry, Instant.now())).build())
        .orElseGet(() -> Response.noContent().build());
  }

  @POST
  @Path("start")
  public Response start(TimerStart body) {
    TimerStart start = body == null ? new TimerStart(null, null, null, null) : body;
    EntryInput input =
        new EntryInput(
            null, null, start.description(), start.projectId(), start.tags(), start.billable());
    Entry started = timer.start(currentUser.id(), input);
    return Response.status(Status.CREATED).entity(EntryView.of(started, Instant.now())).build();
  }

  @POST
  @Path("stop")
  public EntryView stop() {
    return EntryView.of(timer.stop(currentUser.id()), Instant.now());
  }
}
