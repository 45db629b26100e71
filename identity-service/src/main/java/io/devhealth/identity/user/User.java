package io.devhealth.identity.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person who signs in to DevHealth ({@code users}). Never serialized: the API maps it to records. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

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

    /** Inactive users cannot sign in, and their unexpired tokens stop working. */
    @Column(name = "is_active", nullable = false)
    public boolean active = true;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
