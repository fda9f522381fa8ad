package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.platform.json.MergePatch;

/**
 * The running timer: the user's one entry without an end. Starting and stopping take a lock on the
 * user's row first, so concurrent requests of one user queue up instead of racing.
 */
@ApplicationScoped
@Transactional
public class Timer {
  @PersistenceContext EntityManager em;
  @Inject Entries entries;
  @Inject MergePatch mergePatch;

  public Optional<Entry> running(long userId) {
    return em.createQuery(
            "select e from Entry e where e.userId = :user and e.end is null", Entry.class)
        .setParameter("user", userId)
        .getResultStream()
        .findFirst();
  }

  /** Stops whatever runs and starts a new entry now. */
  public Entry start(long userId, EntryInput input) {
    mergePatch.valid(input);
    lockTimerOf(userId);
    Instant now = Entries.seconds(Instant.now());
    Instant start = running(userId).map(previous -> finish(previous, now)).orElse(now);
    // The stopped entry must reach the database before the new running one: the unique index
    // allows one running entry, and Hibernate would insert before it updates.
    em.flush();

    Entry entry = new Entry(userId, start.isAfter(now) ? start : now, null);
    entries.describe(userId, entry, input);
    em.persist(entry);
    return entry;
  }

  public Entry stop(long userId) {
    lockTimerOf(userId);
    Entry entry = running(userId).orElseThrow(() -> ApiException.conflict("No timer is running."));
    finish(entry, Entries.seconds(Instant.now()));
    return entry;
  }

  /** Ends an entry at {@code now}, or one second after its start if it began this very second. */
  private static Instant finish(Entry entry, Instant now) {
    Instant end = now.isAfter(entry.start()) ? now : entry.start().plusSeconds(1);
    entry.stop(end);
    return end;
  }

  /** Serialises timer and timesheet changes of one user until the transaction ends. */
  void lockTimerOf(long userId) {
    em.createNativeQuery("select id from users where id = ?1 for update")
        .setParameter(1, userId)
        .getResultList();
  }
}
