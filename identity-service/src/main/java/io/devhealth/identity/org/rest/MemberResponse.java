package io.devhealth.identity.org.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.org.MemberView;

/** A member of an organization. */
public record MemberResponse(
        @Schema(examples = "5b0c5e0e-3d8a-4d55-9a51-2c2f3a7f1e10") UUID userId,
        @Schema(examples = "ada@example.com") String email,
        @Schema(examples = "Ada Lovelace") String displayName,
        @Schema(description = "owner, admin, member or viewer", examples = "admin") String role,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant memberSince) {

    static MemberResponse from(MemberView member) {
        return new MemberResponse(member.userId(), member.email(), member.displayName(), member.role().claimValue(),
                member.memberSince());
    }
}
