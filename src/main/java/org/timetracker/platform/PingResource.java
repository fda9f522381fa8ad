package org.timetracker.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("ping")
public class PingResource {
  @PersistenceContext EntityManager em;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String ping() {
    return "pong " + em.createNativeQuery("select 1").getSingleResult();
  }
}
