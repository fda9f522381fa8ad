package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.timetracker.platform.Rows;
import org.timetracker.platform.SqlValues;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.platform.json.MergePatch;
import org.timetracker.projects.Project;
import org.timetracker.projects.Projects;

/**
 * A user's entries: listing, manual entries, changes. Every lookup is by owner and id, so another
 * user's entry answers exactly like a missing one.
 */
@ApplicationScoped
@Transactional
public class Entries {
  public static final Duration MAX_MANUAL_DURATION = Duration.ofHours(24);
  private static final int MAX_TAG_LENGTH = 40;

  @PersistenceContext EntityManager em;
  @Inject Projects projects;
  @Inject Rows database;
  @Inject MergePatch mergePatch;

  /** One page of entries and how many there are in all. */
  public record Page(List<EntryView> items, long total) {}

  /**
   * A page of the entries that start in a range, newest first. Read with plain JDBC ({@link Rows})
   * straight into answers: this is the busiest read of the API.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page between(long userId, Instant from, Instant to, int page, int size) {
    List<Object[]> rows =
        database.select(
            "select id, description, project_id, tags, billable, start_at, end_at"
                + " from entries where user_id = ? and start_at >= ? and start_at < ?"
                + " order by start_at desc, id desc limit ? offset ?",
            userId,
            from,
            to,
            size,
            (long) page * size);
    Instant now = Instant.now();
    List<EntryView> items = rows.stream().map(row -> view(row, now)).toList();
    long total =
        items.size() < size && page == 0
            ? items.size()
            : ((Number)
                    database.select(
                            "select count(*) from entries"
                                + " where user_id = ? and start_at >= ? and start_at < ?",
                            userId,
                            from,
                            to)
                        .get(0)[0])
                .longValue();
    return new Page(items, total);
  }

  private static EntryView view(Object[] row, Instant now) {
    Instant start = SqlValues.instant(row[5]);
    Instant end = row[6] == null ? null : SqlValues.instant(row[6]);
    return new EntryView(
        ((Number) row[0]).longValue(),
        (String) row[1],
        row[2] == null ? null : ((Number) row[2]).longValue(),
        SqlValues.texts(row[3]),
        (Boolean) row[4],
        start,
        end,
        Math.max(0, Duration.between(start, end == null ? now : end).toSeconds()));
  }

  /** The user's entry, or 404. */
  public Entry owned(long userId, long entryId) {
    Entry entry = em.find(Entry.class, entryId);
    if (entry == null || entry.userId() != userId) {
      throw ApiException.notFound("The entry");
    }
    return entry;
  }

  public Entry createManual(long userId, EntryInput input) {
    mergePatch.valid(input);
    if (input.start() == null || input.end() == null) {
      throw ApiException.invalid("A manual entry needs a start and an end.");
    }
    Instant start = seconds(input.start());
    Instant end = seconds(input.end());
    requireOrder(start, end);
    requireManualLength(start, end);

    Entry entry = new Entry(userId, start, end);
    describe(userId, entry, input);
    em.persist(entry);
    return entry;
  }

  public Entry change(long userId, long entryId, JsonObject patch) {
    Entry entry = owned(userId, entryId);
    EntryInput changed =
        mergePatch.apply(EntryView.of(entry, Instant.now()).asInput(), patch, EntryInput.class);
    if (changed.start() == null) {
      throw ApiException.invalid("An entry needs a start.");
    }
    if (!entry.running() && changed.end() == null) {
      throw ApiException.invalid("A finished entry needs an end; start the timer to track anew.");
    }

    Instant start = seconds(changed.start());
    Instant end = changed.end() == null ? null : seconds(changed.end());
    if (end != null) {
      requireOrder(start, end);
    } else if (start.isAfter(Instant.now())) {
      throw ApiException.invalid("A running entry cannot start in the future.");
    }
    if (end != null && (patch.containsKey("start") || patch.containsKey("end"))) {
      requireManualLength(start, end);
    }
    entry.reschedule(start, end);
    describe(userId, entry, changed);
    return entry;
  }

  public void delete(long userId, long entryId) {
    em.remove(owned(userId, entryId));
  }

  /** Sets description, project, tags and billable from the input, with the project's default. */
  void describe(long userId, Entry entry, EntryInput input) {
    Project project = input.projectId() == null ? null : projects.owned(userId, input.projectId());
    boolean billable =
        input.billable() != null ? input.billable() : project != null && project.billable();
    entry.describe(
        description(input.description()), input.projectId(), tags(input.tags()), billable);
  }

  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  private static void requireOrder(Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw ApiException.invalid("The end must be after the start.");
    }
  }

  private static void requireManualLength(Instant start, Instant end) {
    if (Duration.between(start, end).compareTo(MAX_MANUAL_DURATION) > 0) {
      throw ApiException.invalid("An entry can be at most 24 hours long; split longer work.");
    }
  }

  private static String description(String description) {
    return description == null ? "" : description.strip();
  }

  /** Trims tags, drops empty ones and repeats (ignoring case), keeps their order. */
  static List<String> tags(List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    Map<String, String> unique = new LinkedHashMap<>();
    for (String tag : tags) {
      String trimmed = tag.strip().replaceAll("\\s+", " ");
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.length() > MAX_TAG_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
        throw ApiException.invalid("A tag has 1 to " + MAX_TAG_LENGTH + " characters on one line.");
      }
      unique.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
    }
    return new ArrayList<>(unique.values());
  }
}
