package org.timetracker.projects;

import java.math.BigDecimal;
import java.time.Instant;

/** A project as the API shows it. */
public record ProjectView(
    long id,
    String name,
    String client,
    String color,
    BigDecimal hourlyRate,
    boolean billable,
    boolean archived,
    Instant createdAt) {

  public static ProjectView of(Project p) {
    return new ProjectView(
        p.id(),
        p.name(),
        p.client(),
        p.color(),
        p.hourlyRate(),
        p.billable(),
        p.archived(),
        p.createdAt());
  }

  /** The editable fields, the base a merge patch applies to. */
  ProjectInput asInput() {
    return new ProjectInput(name, client, color, hourlyRate, billable, archived);
  }
}
