package io.devhealth.identity.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * One refresh token of a sign-in session ({@code refresh_tokens}). The token itself is never stored, only its
 * SHA-256. Every refresh rotates it: this row gets {@link #rotatedAt}, a new row of the same {@link #familyId}
 * (the session) is created.
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends TimestampedEntity {

    /** Why a session was revoked ({@code refresh_tokens.revoked_reason}). */
    public static final String REVOKED_BY_LOGOUT = "logout";
    public static final String REVOKED_FOR_REUSE = "reuse";
    public static final String REVOKED_BY_DEACTIVATION = "deactivated";
    public static final String REVOKED_BY_PASSWORD_CHANGE = "password-changed";

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    /** The session: every token rotated from the same sign-in shares it. */
    @Column(name = "family_id", nullable = false, updatable = false)
    public UUID familyId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    public byte[] tokenHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_reason", columnDefinition = "text")
    public String revokedReason;
}
