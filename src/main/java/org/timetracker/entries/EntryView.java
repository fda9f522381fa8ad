package org.timetracker.entries;

import java.time.Instant;
import java.util.List;

/** An entry as the API shows it; a running one has no end and counts up to now. */
public record EntryView(
    long id,
    String description,
    Long projectId,
    List<String> tags,
    boolean billable,
    Instant start,
    Instant end,
    long durationSeconds) {

  public static EntryView of(Entry e, Instant now) {
    return new EntryView(
        e.id(),
        e.description(),
        e.projectId(),
        e.tags(),
        e.billable(),
        e.start(),
        e.end(),
        e.seconds(now));
  }

  /** The editable fields, the base a merge patch applies to. */
  EntryInput asInput() {
    return new EntryInput(start, end, description, projectId, tags, billable);
  }
}
