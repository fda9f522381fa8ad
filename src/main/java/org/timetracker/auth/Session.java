package org.timetracker.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.timetracker.users.User;

/** A signed-in browser. The cookie holds the token; the database only its SHA-256. */
@Entity
@Table(name = "sessions")
public class Session {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private User user;

  @Column(name = "token_hash")
  private byte[] tokenHash;

  @Column(name = "csrf_token")
  private String csrfToken;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "client_address")
  private String clientAddress;

  protected Session() {}

  Session(User user, byte[] tokenHash, String csrfToken, String clientAddress, Instant now) {
    this.user = user;
    this.tokenHash = tokenHash;
    this.csrfToken = csrfToken;
    this.clientAddress = clientAddress;
    this.createdAt = now;
    this.lastSeenAt = now;
  }

  public Long id() {
    return id;
  }

  public User user() {
    return user;
  }

  public String csrfToken() {
    return csrfToken;
  }
}
