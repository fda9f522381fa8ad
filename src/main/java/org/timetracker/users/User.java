package org.timetracker.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;

/** A person with an account. Everything else (projects, entries) belongs to exactly one user. */
@Entity
@Table(name = "users")
public class User {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String email;
  private String name;

  @Column(name = "time_zone")
  private String timeZone;

  private String currency;
  private Role role;
  private boolean active;

  @Column(name = "password_hash")
  private String passwordHash;

  @Column(name = "created_at")
  private Instant createdAt;

  protected User() {}

  public User(String email, String name, ZoneId zone, String currency, Role role, String hash) {
    this.email = email;
    this.name = name;
    this.timeZone = zone.getId();
    this.currency = currency;
    this.role = role;
    this.active = true;
    this.passwordHash = hash;
    this.createdAt = Instant.now();
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public void rename(String name) {
    this.name = name;
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public void moveTo(ZoneId zone) {
    this.timeZone = zone.getId();
  }

  public String currency() {
    return currency;
  }

  public void bill(String currency) {
    this.currency = currency;
  }

  public Role role() {
    return role;
  }

  public void assign(Role role) {
    this.role = role;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean active() {
    return active;
  }

  public void activate(boolean active) {
    this.active = active;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public void changePasswordHash(String hash) {
    this.passwordHash = hash;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
