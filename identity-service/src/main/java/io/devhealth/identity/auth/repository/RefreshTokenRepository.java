package io.devhealth.identity.auth.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.auth.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** The token with this SHA-256, its row locked until the transaction ends; null if none. */
    public Uni<RefreshToken> findByHashForUpdate(byte[] tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Revokes every live token of the session; returns how many. */
    public Uni<Integer> revokeFamily(UUID familyId, String reason) {
        return update("revokedAt = ?1, revokedReason = ?2 where familyId = ?3 and revokedAt is null",
                Instant.now(), reason, familyId);
    }

    /** Revokes every live token of every session of the user; returns how many. */
    public Uni<Integer> revokeAllOf(UUID userId, String reason) {
        return update("revokedAt = ?1, revokedReason = ?2 where userId = ?3 and revokedAt is null",
                Instant.now(), reason, userId);
    }
}
