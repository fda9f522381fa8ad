package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.timetracker.auth.CurrentUser;

/** The tags the signed-in user has used, most used first. */
@Path("tags")
@ApplicationScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {
  @PersistenceContext EntityManager em;
  @Inject CurrentUser currentUser;

  public record TagView(String name, long count) {}

  @GET
  public List<TagView> list() {
    List<Object[]> rows =
        em.createNativeQuery(
                "select tag, count(*) from entries, unnest(tags) as tag where user_id = ?1"
                    + " group by tag order by count(*) desc, tag",
                Object[].class)
            .setParameter(1, currentUser.id())
            .getResultList();
    return rows.stream()
        .map(row -> new TagView((String) row[0], ((Number) row[1]).longValue()))
        .toList();
  }
}
