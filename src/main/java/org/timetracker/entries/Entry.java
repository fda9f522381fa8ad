package org.timetracker.entries;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Time spent by one user, from start to end. An entry without an end is the running timer; a user
 * has at most one (the database enforces it). Instants are UTC with whole seconds.
 */
@Entity
@Table(name = "entries")
public class Entry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id")
  private long userId;

  @Column(name = "project_id")
  private Long projectId;

  private String description;

  @JdbcTypeCode(SqlTypes.ARRAY)
  private List<String> tags = new ArrayList<>();

  private boolean billable;

  @Column(name = "start_at")
  private Instant start;

  @Column(name = "end_at")
  private Instant end;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Entry() {}

  public Entry(long userId, Instant start, Instant end) {
    this.userId = userId;
    this.start = start;
    this.end = end;
    this.description = "";
    this.createdAt = Instant.now();
  }

  public void describe(String description, Long projectId, List<String> tags, boolean billable) {
    this.description = description;
    this.projectId = projectId;
    this.tags = new ArrayList<>(tags);
    this.billable = billable;
  }

  public void reschedule(Instant start, Instant end) {
    this.start = start;
    this.end = end;
  }

  public void stop(Instant end) {
    this.end = end;
  }

  public boolean running() {
    return end == null;
  }

  /** Seconds booked; for the running entry, up to {@code now}. */
  public long seconds(Instant now) {
    return Math.max(0, Duration.between(start, end == null ? now : end).toSeconds());
  }

  public Long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public Long projectId() {
    return projectId;
  }

  public String description() {
    return description;
  }

  public List<String> tags() {
    return List.copyOf(tags);
  }

  public boolean billable() {
    return billable;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }
}
