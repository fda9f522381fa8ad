package org.timetracker.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** Something time is booked on, owned by one user. */
@Entity
@Table(name = "projects")
public class Project {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id")
  private long userId;

  private String name;
  private String client;
  private String color;

  @Column(name = "hourly_rate")
  private BigDecimal hourlyRate;

  private boolean billable;
  private boolean archived;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Project() {}

  public Project(long userId, ProjectInput input) {
    this.userId = userId;
    this.createdAt = Instant.now();
    apply(input);
  }

  /** Takes every field of a complete, validated input. */
  public void apply(ProjectInput input) {
    this.name = input.name().strip();
    this.client = input.client() == null ? "" : input.client().strip();
    this.color = input.color() == null ? ProjectInput.DEFAULT_COLOR : input.color().toLowerCase();
    this.hourlyRate = input.hourlyRate();
    this.billable = input.billable() == null || input.billable();
    this.archived = input.archived() != null && input.archived();
  }

  public Long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public String name() {
    return name;
  }

  public String client() {
    return client;
  }

  public String color() {
    return color;
  }

  public BigDecimal hourlyRate() {
    return hourlyRate;
  }

  public boolean billable() {
    return billable;
  }

  public boolean archived() {
    return archived;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
