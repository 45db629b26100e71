package io.devhealth.identity.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A person who signs in to DevHealth ({@code users}). Never serialized: the API maps it to records. */
@Entity
@Table(name = "users")
public class User extends TimestampedEntity {

    /** Unique case-insensitively (index on {@code lower(email)}). */
    @Column(nullable = false, columnDefinition = "text")
    public String email;

    @Column(name = "display_name", columnDefinition = "text")
    public String displayName;

    /** {@code pbkdf2-sha256$…}, see {@code PasswordHasher}. */
    @Column(name = "password_hash", nullable = false, columnDefinition = "text")
    public String passwordHash;

    /** Sees and administers every organization. */
    @Column(name = "is_superuser", nullable = false)
    public boolean superuser;

    /** Inactive users cannot sign in or refresh, and their unexpired tokens stop working. */
    @Column(name = "is_active", nullable = false)
    public boolean active = true;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;
}
