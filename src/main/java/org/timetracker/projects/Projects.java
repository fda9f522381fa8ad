package org.timetracker.projects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.platform.json.MergePatch;

/** A user's projects. Another user's project is treated exactly like one that does not exist. */
@ApplicationScoped
@Transactional
public class Projects {
  @PersistenceContext EntityManager em;
  @Inject MergePatch mergePatch;

  /** Which projects a listing shows. */
  public enum Filter {
    ACTIVE,
    ARCHIVED,
    ALL
  }

  public List<Project> of(long userId, Filter filter) {
    return em.createQuery(
            "select p from Project p where p.userId = :user"
                + " and (:all = true or p.archived = :archived)"
                + " order by lower(p.name), p.id",
            Project.class)
        .setParameter("user", userId)
        .setParameter("all", filter == Filter.ALL)
        .setParameter("archived", filter == Filter.ARCHIVED)
        .getResultList();
  }

  /** The user's project, or 404. */
  public Project owned(long userId, long projectId) {
    Project project = em.find(Project.class, projectId);
    if (project == null || project.userId() != userId) {
      throw ApiException.notFound("The project");
    }
    return project;
  }

  public Project create(long userId, ProjectInput input) {
    Project project = new Project(userId, input);
    requireUniqueName(project);
    em.persist(project);
    return project;
  }

  public Project change(long userId, long projectId, JsonObject patch) {
    Project project = owned(userId, projectId);
    ProjectInput changed =
        mergePatch.apply(ProjectView.of(project).asInput(), patch, ProjectInput.class);
    project.apply(changed);
    requireUniqueName(project);
    return project;
  }

  /** Deletes a project without entries; one with entries is archived instead. */
  public void delete(long userId, long projectId) {
    Project project = owned(userId, projectId);
    long entries =
        em.createQuery("select count(e) from Entry e where e.projectId = :project", Long.class)
            .setParameter("project", projectId)
            .getSingleResult();
    if (entries > 0) {
      throw ApiException.conflict(
          "The project has " + entries + " entries; archive it instead of deleting it.");
    }
    em.remove(project);
  }

  /** Names are unique among a user's active projects, ignoring case. */
  private void requireUniqueName(Project project) {
    if (project.archived()) {
      return;
    }
    long same =
        em.createQuery(
                "select count(p) from Project p where p.userId = :user and not p.archived"
                    + " and lower(p.name) = lower(:name) and (:id is null or p.id <> :id)",
                Long.class)
            .setParameter("user", project.userId())
            .setParameter("name", project.name())
            .setParameter("id", project.id())
            .getSingleResult();
    if (same > 0) {
      throw ApiException.conflict(
          "You already have an active project named " + project.name() + ".");
    }
  }
}
